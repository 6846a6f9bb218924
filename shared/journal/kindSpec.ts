import type { z } from 'zod';
import type { Locale, MessageKey, MessageParams } from '../i18n';

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
  /**
   * The entry as one line in `ctx.lang` (journal rows, search results, the
   * daily report), ids resolved to names by `ctx`. Required like the label;
   * the journal also indexes it in both languages (searchText.ts).
   */
  summary(payload: P, ctx: SummaryContext): string;
  /** Must name the entry it concerns. */
  readonly needsRef?: boolean;
  /** Written by the console itself; callers of appendEntry may not forge them. */
  readonly system?: boolean;
}

/** Registers a kind; the payload type is inferred from the schema and kept. */
export function kind<P>(spec: KindSpec<P>): KindSpec<P> {
  return spec;
}

/** What an alert entry refers to, as the alerts fold knows it (ids). */
export interface AlertRef {
  readonly type: string;
  readonly zone?: string | undefined;
}

/**
 * Resolves the ids an entry names to names in one language. Pure: built from
 * the site (and the alerts state for alert references) by `summaryContext`
 * in summary.ts. Every resolver falls back to the id when it does not know it.
 */
export interface SummaryContext {
  readonly lang: Locale;
  /** This language's text of a template written in both (like the label). */
  say(text: KindLabel): string;
  /** A catalogue message (result words, severities, duty levels). */
  t(key: MessageKey, params?: MessageParams): string;
  alertType(code: string): string;
  zone(id: string): string;
  floor(id: string): string;
  camera(id: string): string;
  sensor(id: string): string;
  /** A roster person. */
  person(id: string): string;
  /** A roster person or an external unit (the target of a contact attempt). */
  contact(id: string): string;
  check(id: string): string;
  equipment(id: string): string;
  /** The alert an entry refers to, when the alerts state still holds it. */
  alert(alertId: string): AlertRef | undefined;
  /** "火灾 · 一号楼大厅": an alert by its type and zone names, or its id when unknown. */
  alertName(alertId: string): string;
  /** A closure code's label in the site's list ("误报"), or the code when unknown. */
  closureCode(code: string): string;
  /** A span of seconds, e.g. "1 h 30 min" / "1小时30分". */
  duration(sec: number): string;
  /** A time of day in the site's time zone. */
  time(ms: number): string;
}
