// Lint keeps the layers honest (STYLE.md practice 1). Each folder may import
// only what its runtime has; `import type` stays allowed where noted.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import tseslint from 'typescript-eslint';

// Bare module names are matched exactly (`paths`): gitignore-style patterns
// would also catch local files such as ./ws.ts or ../domain/ids.ts.
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const serverPackages = ['better-sqlite3', 'ws', 'werift', '@roamhq/wrtc', 'playwright', 'playwright-core', '@playwright/test'];
const serverScopes = ['^@nats-io/'];
const browserPackages = ['react', 'react-dom', 'hls.js', 'mediasoup-client', 'recharts', 'zustand'];
const browserScopes = ['^react-dom/', '^mediasoup-client/', '^zustand/', '^recharts/'];

/** names: exact module names; regex: module-name regexes; layers: gitignore globs for relative paths. */
const restrict = ({ names = [], regex = [], layers = [], message, allowTypeImports = false }) => ({
  paths: names.map((name) => ({ name, message, allowTypeImports })),
  patterns: [
    ...(regex.length > 0 ? [{ regex: regex.join('|'), message, allowTypeImports }] : []),
    ...(layers.length > 0 ? [{ group: layers, message, allowTypeImports }] : []),
  ],
});
/** Several restrictions on one folder, merged into one rule setting. */
const rule = (...parts) => [
  'error',
  { paths: parts.flatMap((p) => p.paths), patterns: parts.flatMap((p) => p.patterns) },
];

/**
 * layers/no-import-from: a relative import is resolved against the importing
 * file and refused when it lands in one of `folders` (repo-relative). The
 * glob patterns of no-restricted-imports see only the specifier, so they
 * miss a sibling folder: `../host/server` from electron/core names no `electron/`.
 * Type imports are refused too: a layer's types belong to that layer.
 */
const repoRoot = import.meta.dirname;

/**
 * Calls `check(node, target, source)` for every relative module reference of
 * a file (imports, re-exports, import(), import types), with the target
 * resolved to a repo-relative path; references outside the repo are skipped.
 */
function relativeImports(context, check) {
  const from = dirname(context.filename);
  const visit = (node, source) => {
    if (typeof source !== 'string' || !source.startsWith('.')) return;
    const target = relative(repoRoot, resolve(from, source)).split(sep).join('/');
    if (target.startsWith('..') || isAbsolute(target)) return;
    check(node, target, source);
  };
  const literal = (node) => (node?.type === 'Literal' ? node.value : undefined);
  return {
    ImportDeclaration: (node) => visit(node, node.source.value),
    ExportNamedDeclaration: (node) => node.source && visit(node, node.source.value),
    ExportAllDeclaration: (node) => visit(node, node.source.value),
    ImportExpression: (node) => visit(node, literal(node.source)),
    TSImportType: (node) => visit(node, literal(node.argument?.literal ?? node.argument)),
    TSExternalModuleReference: (node) => visit(node, literal(node.expression)),
  };
}

const layers = {
  rules: {
    'no-import-from': {
      meta: { type: 'problem', schema: [{ type: 'object', properties: { folders: { type: 'array', items: { type: 'string' } }, message: { type: 'string' } }, additionalProperties: false }] },
      create(context) {
        const { folders = [], message = '' } = context.options[0] ?? {};
        return relativeImports(context, (node, target, source) => {
          const folder = folders.find((f) => target === f || target.startsWith(`${f}/`));
          if (folder) context.report({ node, message: `'${source}' reaches ${folder}/: ${message}` });
        });
      },
    },
    /** layers/feature-index: a renderer feature's internals are its own; others import its index.ts. */
    'feature-index': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const own = /^renderer\/features\/([^/]+)\//.exec(relative(repoRoot, context.filename).split(sep).join('/'))?.[1];
        return relativeImports(context, (node, target, source) => {
          const m = /^renderer\/features\/([^/]+)(\/.*)?$/.exec(target);
          if (!m || m[1] === own) return;
          if (m[2] === undefined || m[2] === '/index' || m[2] === '/index.ts') return;
          // The composition root (renderer/app/store.ts) combines the features' slices.
          if (own === undefined && /Slice(\.ts)?$/.test(m[2])) return;
          context.report({ node, message: `'${source}' reaches into features/${m[1]}: import its public surface, '…/features/${m[1]}' (index.ts).` });
        });
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/artifacts/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Type-checked rules for what casts and String(x) hide: a cast that changes nothing,
      // "[object Object]" in text, and APIs their authors have retired.
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-base-to-string': 'error',
      '@typescript-eslint/no-deprecated': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },

  // shared/: pure TypeScript. No runtime-specific modules, no globals of any
  // runtime, and deterministic (time and randomness are injected).
  {
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule(
        restrict({
          names: [...nodeBuiltins, 'electron', ...serverPackages, ...browserPackages],
          regex: ['^node:', '^electron/', ...serverScopes, ...browserScopes],
          message: 'shared/ is pure: only zod and other shared/ modules.',
        }),
        restrict({ layers: ['**/electron/**', '**/renderer/**', '**/tests/**'], message: 'shared/ must not depend on a runtime layer.' }),
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', 'setTimeout', 'setInterval', 'fetch', 'localStorage'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'shared/ is deterministic: take the time as an argument.' },
        { object: 'Math', property: 'random', message: 'shared/ is deterministic: take randomness as an argument.' },
      ],
    },
  },

  // electron/core and electron/host: plain Node. Never electron (types only), never the renderer.
  {
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule(
        restrict({ names: ['electron'], regex: ['^electron/'], allowTypeImports: true, message: 'core and host run under plain Node: no value imports of electron.' }),
        restrict({ names: browserPackages, regex: browserScopes, layers: ['**/renderer/**'], message: 'core and host never import the renderer or browser packages.' }),
      ),
    },
  },
  {
    files: ['electron/host/**/*.ts'],
    plugins: { layers },
    rules: {
      'layers/no-import-from': ['error', { folders: ['electron/main', 'electron/preload', 'tests'], message: 'host and the Electron shell are siblings around the core; production code does not import tests.' }],
    },
  },
  {
    // The core is what the shells wrap: it never reaches into them, nor into the tests.
    files: ['electron/core/**/*.ts'],
    plugins: { layers },
    rules: {
      'layers/no-import-from': [
        'error',
        { folders: ['tests', 'electron/host', 'electron/main', 'electron/preload', 'renderer'], message: 'of the repo, the core imports only shared/ and itself (no type imports either).' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core reads time from the injected Clock.' },
        { object: 'Math', property: 'random', message: 'core takes randomness from the injected `random` (CoreOptions).' },
      ],
    },
  },

  // electron/main: the shell. May import electron and core, never the renderer.
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule(
        restrict({ names: browserPackages, regex: browserScopes, layers: ['**/renderer/**'], message: 'the main process never imports the renderer.' }),
      ),
      'layers/no-import-from': ['error', { folders: ['electron/host', 'tests'], message: 'main and host are sibling shells around the core; production code does not import tests.' }],
    },
    plugins: { layers },
  },

  // electron/preload: the closed bridge. Electron and shared/ only.
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule(
        restrict({
          names: [...nodeBuiltins, ...serverPackages, ...browserPackages],
          regex: ['^node:', ...serverScopes, ...browserScopes],
          message: 'the sandboxed preload has electron and shared/ only.',
        }),
        restrict({ layers: ['**/renderer/**'], message: 'the preload depends on shared/ only.' }),
      ),
      'layers/no-import-from': ['error', { folders: ['electron/core', 'electron/main', 'electron/host', 'renderer', 'tests'], message: 'the preload depends on shared/ only.' }],
    },
    plugins: { layers },
  },

  // renderer/: browser only. Reaches the core through ConsoleApi, nothing else.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, layers },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // A feature is a folder with a public surface (index.ts); nothing outside it imports its internals.
      'layers/feature-index': 'error',
      '@typescript-eslint/no-restricted-imports': rule(
        restrict({
          names: [...nodeBuiltins, 'electron', ...serverPackages],
          regex: ['^node:', '^electron/', ...serverScopes],
          message: 'the renderer is a web page: no Node, Electron or server packages.',
        }),
        restrict({ layers: ['**/electron/**'], message: 'the renderer reaches the core only through ConsoleApi (renderer/platform).' }),
        restrict({ layers: ['**/tests/**'], message: 'production code does not import tests.' }),
      ),
    },
  },
  {
    // One clock (shared/time/format.ts): times reach the operator in the site's zone and the app's language,
    // never the PC's. Bare date formatting is refused wherever text for people is made.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx', 'shared/**/*.ts', 'electron/core/**/*.ts'],
    ignores: ['shared/time/format.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)String$/]",
          message: "format times with shared/time/format.ts (the site's zone and the app's language), never the PC's zone",
        },
        {
          selector: "CallExpression[callee.property.name='toLocaleString'][arguments.length=0]",
          message: "a bare toLocaleString() uses the PC's zone and language: use shared/time/format.ts, or pass the locale",
        },
        {
          selector: "CallExpression[callee.property.name=/^(toString|toDateString|toTimeString|toUTCString)$/][callee.object.type='NewExpression'][callee.object.callee.name='Date']",
          message: "a Date as text is in the PC's zone or in UTC: use shared/time/format.ts",
        },
        {
          selector: "NewExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat']",
          message: 'date formatters live in shared/time/format.ts (one clock for every screen, print and file name)',
        },
      ],
    },
  },
  {
    // Slices are pure state: they must run under Node in unit tests.
    files: ['renderer/**/*Slice.ts', 'renderer/app/store.ts'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator'] },
  },

  {
    // electron-vite 6 still reads build.rollupOptions (vite 8 calls it deprecated in favour of rolldownOptions).
    files: ['electron.vite.config.ts'],
    rules: { '@typescript-eslint/no-deprecated': 'off' },
  },
  {
    files: ['tests/**/*.ts', 'tests/**/*.tsx', '*.config.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
);
