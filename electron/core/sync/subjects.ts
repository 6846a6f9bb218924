import type { Mode } from '../../../shared/journal/entry';

/**
 * Names on the site bus. One stream per site holds every console's journal;
 * each console publishes to its own subject, live and drill apart:
 *   wp.<site>.journal.<console>   live entries
 *   wp.<site>.drill.<console>     drill entries (never on the live subject)
 */
export function journalSubject(site: string, consoleId: string, mode: Mode): string {
  return `wp.${site}.${mode === 'LIVE' ? 'journal' : 'drill'}.${consoleId}`;
}

export function journalStreamName(site: string): string {
  return `WP_JOURNAL_${site.toUpperCase()}`;
}

/** Headers of a journal message: which contiguous run of entries its body (JSON lines) holds. */
export const JOURNAL_HEADERS = {
  console: 'Wp-Console',
  mode: 'Wp-Mode',
  firstSeq: 'Wp-First-Seq',
  lastSeq: 'Wp-Last-Seq',
  count: 'Wp-Count',
} as const;

/** Where a console publishes its signed head (shared/sync/peers.ts `SealSchema`), plain NATS. */
export function sealSubject(site: string, consoleId: string): string {
  return `wp.${site}.seal.${consoleId}`;
}

/** Asks every console of the site to publish its signed head again (a console that just connected). */
export function sealRequestSubject(site: string): string {
  return `wp.${site}.seal-request`;
}

/** Whether a journal message's subject is the named console's own (live or drill). */
export function isSubjectOf(subject: string, site: string, consoleId: string): boolean {
  return subject === `wp.${site}.journal.${consoleId}` || subject === `wp.${site}.drill.${consoleId}`;
}
