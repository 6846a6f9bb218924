import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths';

// The layer rules of eslint.config.js, run on snippets placed (virtually) in
// the folders they guard, so a rule cannot go away or stop matching unnoticed.
// The snippets are in no tsconfig project: the type-aware rules are switched
// off for them; every rule tested here works without types.
const eslint = new ESLint({ cwd: repoRoot, overrideConfig: tseslint.configs.disableTypeChecked });

async function lint(file: string, code: string): Promise<{ line: number; rule: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  return result.messages.map((m) => ({ line: m.line, rule: m.ruleId, message: m.message }));
}

describe('lint keeps the layers', () => {
  it('refuses core imports of tests, host and main, value or type', async () => {
    const messages = await lint(
      'electron/core/x.ts',
      [
        "import { repoRoot } from '../../tests/support/paths';",
        "import { startHostServer } from '../host/server';",
        "import type { HostServer } from '../host/server';",
        "import { openWindow } from '../main/windows';",
        'export const used: unknown[] = [repoRoot, startHostServer, openWindow];',
        'export type Used = HostServer;',
        '',
      ].join('\n'),
    );
    expect(messages.filter((m) => m.rule === null)).toEqual([]); // parsed
    const layer = messages.filter((m) => m.rule === 'layers/no-import-from');
    expect(layer.map((m) => m.line)).toEqual([1, 2, 3, 4]);
    expect(layer.map((m) => m.message)).toEqual([
      expect.stringContaining('reaches tests/'),
      expect.stringContaining('reaches electron/host/'),
      expect.stringContaining('reaches electron/host/'),
      expect.stringContaining('reaches electron/main/'),
    ]);
  });

  it('allows the core its own modules and shared/', async () => {
    const messages = await lint(
      'electron/core/sync/x.ts',
      ["import { systemClock } from '../support/clock';", "import { GENESIS_HASH } from '../../../shared/journal/entry';", 'export const used: unknown[] = [systemClock, GENESIS_HASH];', ''].join('\n'),
    );
    expect(messages).toEqual([]);
  });

  it('keeps the shells apart: main and host never import each other, the preload has shared/ only', async () => {
    const cases: [string, string, string][] = [
      ['electron/main/x.ts', "export { startHostServer } from '../host/server';", 'reaches electron/host/'],
      ['electron/host/x.ts', "export { openWindow } from '../main/windows';", 'reaches electron/main/'],
      ['electron/preload/x.ts', "export type { Core } from '../core';", 'reaches electron/core/'],
    ];
    for (const [file, line, expected] of cases) {
      const messages = await lint(file, `${line}\n`);
      expect(messages, file).toEqual([expect.objectContaining({ rule: 'layers/no-import-from', message: expect.stringContaining(expected) })]);
    }
  });

  it("refuses bare date formatting outside the one clock (shared/time/format.ts)", async () => {
    const code = [
      'const at = Date.UTC(2026, 11, 2);',
      'export const a = new Date(at).toLocaleString();',
      "export const b = new Date(at).toLocaleTimeString('en', { hour12: false });",
      'export const c = new Date(at).toString();',
      "export const d = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai' }).format(at);",
      "export const e = (12345).toLocaleString('en-US');",
      '',
    ].join('\n');
    for (const file of ['renderer/features/x/y.tsx', 'shared/x.ts', 'electron/core/x.ts']) {
      const messages = await lint(file, code);
      expect(messages.filter((m) => m.rule === 'no-restricted-syntax').map((m) => m.line)).toEqual([2, 3, 4, 5]);
    }
    expect((await lint('shared/time/format.ts', code)).filter((m) => m.rule === 'no-restricted-syntax')).toEqual([]);
  });

  it('refuses Math.random in the core and in shared/', async () => {
    for (const file of ['electron/core/x.ts', 'shared/x.ts']) {
      const messages = await lint(file, 'export const jitter = (): number => 0.8 + Math.random() * 0.4;\n');
      expect(messages, file).toEqual([expect.objectContaining({ rule: 'no-restricted-properties', message: expect.stringContaining('Math.random') })]);
    }
  });
  it("keeps a feature's internals to itself: other features import its index.ts, the app root its slices", async () => {
    const refused = await lint('renderer/features/wall/x.ts', "export { AlertQueue } from '../alerts/AlertQueue';\n");
    expect(refused).toEqual([expect.objectContaining({ rule: 'layers/feature-index', message: expect.stringContaining('features/alerts') })]);
    for (const [file, line] of [
      ['renderer/features/wall/x.ts', "export * from '../alerts';\n"],
      ['renderer/features/wall/x.ts', "export * from '../alerts/index';\n"],
      ['renderer/features/alerts/x.ts', "export * from './AlertQueue';\n"],
      ['renderer/app/x.ts', "export * from '../features/alerts/alertsSlice';\n"],
    ] as const) {
      expect(await lint(file, line), `${file}: ${line}`).toEqual([]);
    }
    const fromApp = await lint('renderer/app/x.ts', "export * from '../features/alerts/AlertQueue';\n");
    expect(fromApp).toEqual([expect.objectContaining({ rule: 'layers/feature-index' })]);
  });
});
