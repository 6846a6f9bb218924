import { checkpointStatement } from '../../../shared/journal/entry';
import { isLoopbackBusUrl, type BusConfig, type EnrolledConsole } from '../../../shared/site/schema';
import { verifySignature } from '../journal/signer';

/**
 * Which consoles of the site count, and by which key. The site file's
 * `consoles` list names them with their journal keys; a site file without
 * the list is the open mode of older sites, but only on a loopback bus (the
 * bus is this machine: the demo and tests); on a remote bus without the list
 * no peer counts, its entries are kept apart and the desk names them, so a
 * supervisor can enroll them.
 */
export class ConsoleEnrolment {
  private readonly site: string;
  private readonly keys: Map<string, string>;
  readonly open: boolean;

  constructor(site: { readonly id: string; readonly consoles?: readonly EnrolledConsole[] | undefined; readonly bus?: Pick<BusConfig, 'servers'> | undefined }) {
    this.site = site.id;
    this.keys = new Map((site.consoles ?? []).map((c) => [c.id, c.publicKey]));
    this.open = site.consoles === undefined && (site.bus?.servers ?? []).every(isLoopbackBusUrl);
  }

  /** Whether entries under this console id can count at all (in open mode, every id can). */
  enrolled(consoleId: string): boolean {
    return this.open || this.keys.has(consoleId);
  }

  /** Whether `signature` is the console's enrolled key signing the checkpoint statement of (seq, hash). */
  verifies(consoleId: string, seq: number, hash: string, signature: string): boolean {
    const key = this.keys.get(consoleId);
    return key !== undefined && verifySignature(key, checkpointStatement(this.site, consoleId, seq, hash), signature);
  }

  keyOf(consoleId: string): string | undefined {
    return this.keys.get(consoleId);
  }

  /**
   * A console enrolled at a desk (a `console.enrolled` entry, ours or a
   * counted peer's). Returns whether it changed anything. The site file's
   * list wins: an enrolment naming another key for a listed console is refused.
   */
  enroll(consoleId: string, publicKey: string): boolean {
    const held = this.keys.get(consoleId);
    if (held !== undefined) return false;
    this.keys.set(consoleId, publicKey);
    return true;
  }
}

/** The enrolment a `console.enrolled` entry carries, if it is one with the fields it needs. */
export function enrolmentIn(entry: { readonly kind: string; readonly payload: unknown }): { consoleId: string; publicKey: string } | undefined {
  if (entry.kind !== 'console.enrolled' || typeof entry.payload !== 'object' || entry.payload === null) return undefined;
  const { consoleId, publicKey } = entry.payload as { consoleId?: unknown; publicKey?: unknown };
  return typeof consoleId === 'string' && typeof publicKey === 'string' ? { consoleId, publicKey } : undefined;
}
