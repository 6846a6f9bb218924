import type { z } from 'zod';

/** A kind's display name in both languages of the console (both required: a missing one does not compile). */
export interface KindLabel {
  readonly en: string;
  readonly 'zh-CN': string;
}

/**
 * One kind of journal entry: the schema of its payload (its inferred type is
 * what the folds receive), its label and the words full-text search indexes.
 * Lives apart from `kinds.ts` so the features' kind files can use `kind()`
 * while `kinds.ts` combines them.
 */
export interface KindSpec<P = unknown> {
  readonly payload: z.ZodType<P>;
  readonly label: KindLabel;
  /**
   * Searchable words of an entry. A method, so that a spec of a particular
   * payload still fits the registry's `KindSpec<unknown>` view (method
   * parameters are compared bivariantly): the journal calls it only with the
   * payload its own schema has just parsed.
   */
  text(payload: P): string;
  /** Must name the entry it concerns. */
  readonly needsRef?: boolean;
  /** Written by the console itself; callers of appendEntry may not forge them. */
  readonly system?: boolean;
}

/** Registers a kind; the payload type is inferred from the schema and kept. */
export function kind<P>(spec: KindSpec<P>): KindSpec<P> {
  return spec;
}
