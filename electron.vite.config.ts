import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

// One build for every runtime:
//   out/main/index.js   Electron main          (electron/main)
//   out/main/host.js    host mode, plain Node  (electron/host/main.ts)
//   out/main/start.js   `npm start` launcher   (electron/host/start.ts)
//   out/main/journal-worker.js  the journal's writer thread
//   out/main/journal-check.js   its page check (quick_check), beside it
//   out/main/journal.js         `npm run journal -- verify <file>`
//   out/main/demo-alarms.js     `npm run demo:alarms`: a mixed stream of alarms to a running console
//   out/preload/index.cjs  sandboxed preload (CommonJS: sandboxed preloads cannot be ESM)
//   out/renderer/       the React UI, served by app:// and by the host
const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      sourcemap: true,
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          host: resolve(root, 'electron/host/main.ts'),
          start: resolve(root, 'electron/host/start.ts'),
          'journal-worker': resolve(root, 'electron/core/journal/worker.ts'),
          'journal-check': resolve(root, 'electron/core/journal/checkWorker.ts'),
          'replay-worker': resolve(root, 'electron/core/replay/worker.ts'),
          journal: resolve(root, 'electron/core/journal/cli.ts'),
          'demo-alarms': resolve(root, 'electron/host/demoAlarms.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads get no require() for packages: bundle zod in.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      sourcemap: true,
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
