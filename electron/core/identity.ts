import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConsoleError } from '../../shared/errors';
import { writeFileAtomic } from './support/atomicFile';

const IdentitySchema = z.object({ consoleId: z.string().regex(/^c-[a-z0-9]{12}$/), createdAt: z.string() });
export type Identity = z.infer<typeof IdentitySchema>;

/**
 * The console's stable id, created once per data folder. It names this
 * console's journal chain and its subject on the site bus, so it must never
 * change silently: a damaged identity file stops the console with an error.
 */
export function loadOrCreateIdentity(dataDir: string, now: () => number): Identity {
  const file = join(dataDir, 'console.json');
  if (existsSync(file)) {
    const parsed = IdentitySchema.safeParse(safeJson(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new ConsoleError('integrity', `${file} is damaged; restore it from a backup (it names this console's journal)`);
    }
    return parsed.data;
  }
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const id = [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
  const identity: Identity = { consoleId: `c-${id}`, createdAt: new Date(now()).toISOString() };
  writeFileAtomic(file, `${JSON.stringify(identity, null, 2)}\n`);
  return identity;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
