import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defaultSettings, SettingsSchema, type Settings } from '../../shared/settings';
import type { Log } from './support/log';
import { writeFileAtomic } from './support/atomicFile';

/**
 * Per-console preferences in `<dataDir>/settings.json`. A damaged file is
 * kept aside (settings.json.bad-<time>) and defaults are used, so a bad edit
 * never stops a console from starting.
 */
export class SettingsStore {
  private readonly file: string;
  private value: Settings;

  constructor(dataDir: string, private readonly log: Log, now: () => number) {
    this.file = join(dataDir, 'settings.json');
    this.value = this.read(now);
  }

  get(): Settings {
    return this.value;
  }

  update(patch: Partial<Settings>): Settings {
    const next = SettingsSchema.parse({ ...this.value, ...patch });
    writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.value = next;
    return next;
  }

  private read(now: () => number): Settings {
    if (!existsSync(this.file)) return defaultSettings;
    const text = readFileSync(this.file, 'utf8');
    try {
      // Keys an older version wrote (the operator picked from a list, before sign-in) are dropped, not a reason to reset.
      const parsed = z.object(SettingsSchema.shape).safeParse({ ...defaultSettings, ...(JSON.parse(text) as object) });
      if (parsed.success) return parsed.data;
      this.log.warn('settings file invalid; using defaults', { file: this.file, error: parsed.error.message });
    } catch (err) {
      this.log.warn('settings file unreadable; using defaults', { file: this.file, error: String(err) });
    }
    writeFileAtomic(`${this.file}.bad-${now()}`, text);
    return defaultSettings;
  }
}
