import { defineConfig } from 'vitest/config';

// Unit and integration tests under plain Node. Real SQLite files, real
// sockets on 127.0.0.1 and real child processes are fine here; browsers are
// Playwright's job (playwright.config.ts).
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'renderer/**/*.test.ts', 'electron/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
