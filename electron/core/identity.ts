import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConsoleError } from '../../shared/errors';
import { writeFileAtomic } from './support/atomicFile';

const HeadSchema = z.object({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) });

const IdentitySchema = z.object({
  consoleId: z.string().regex(/^c-[a-z0-9]{12}$/),
  createdAt: z.string(),
  /**
   * The journal signing key's public half (SubjectPublicKeyInfo DER, base64), pinned when the
   * key is first created: verification trusts this, never the key a journal writes about itself.
   */
  journalKey: z.string().optional(),
  /** The journal's head as last recorded (every checkpoint and at close): an emptied, cut or older journal is caught at open. */
  journalHead: HeadSchema.optional(),
});
export type Identity = z.infer<typeof IdentitySchema>;
export type RecordedHead = z.infer<typeof HeadSchema>;

export function identityFile(dataDir: string): string {
  return join(dataDir, 'console.json');
}

/**
 * The console's stable id, created once per data folder. It names this
 * console's journal chain and its subject on the site bus, so it must never
 * change silently: a damaged identity file stops the console with an error.
 */
export function loadOrCreateIdentity(dataDir: string, now: () => number): Identity {
  const file = identityFile(dataDir);
  const existing = readIdentity(file);
  if (existing) return existing;
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const id = [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
  const identity: Identity = { consoleId: `c-${id}`, createdAt: new Date(now()).toISOString() };
  writeFileAtomic(file, `${JSON.stringify(identity, null, 2)}\n`);
  return identity;
}

/** The identity file's contents, undefined when there is none; a damaged file throws. */
export function readIdentity(file: string): Identity | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = IdentitySchema.safeParse(safeJson(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new ConsoleError('integrity', `${file} is damaged; restore it from a backup (it names this console's journal and pins its signing key)`);
  }
  return parsed.data;
}

/**
 * Records the journal's pinned key or last head in the identity file (atomic
 * write). A journal opened without an identity file (tests, tools) gets one
 * naming its console.
 */
export function updateIdentity(file: string, base: { consoleId: string; now: number }, patch: Partial<Pick<Identity, 'journalKey' | 'journalHead'>>): Identity {
  const current = readIdentity(file) ?? { consoleId: base.consoleId, createdAt: new Date(base.now).toISOString() };
  const next: Identity = { ...current, ...patch };
  writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
  return next;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
