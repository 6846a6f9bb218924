import { z } from 'zod';
import { drillKindLabels, drillKinds } from '../drill/kinds';
import { alertKindLabels, alertKinds } from '../alerts/kinds';
import { rosterKindLabels, rosterKinds } from '../roster/kinds';
import { type LocalizedTextSchema } from '../i18n/locale';
import { planKindLabels, planKinds } from '../plans/kinds';
import { wallKindLabels, wallKinds } from '../wall/kinds';

/**
 * Every kind of journal entry, with the schema of its payload and the words
 * full-text search indexes. Appends of unknown kinds or bad payloads are
 * refused with field-level errors. Features add their kinds here (one entry
 * per kind; group them by feature).
 */
export interface KindSpec<P = unknown> {
  readonly payload: z.ZodType<P>;
  /** Searchable words of an entry. */
  readonly text: (payload: P) => string;
  /** Must name the entry it concerns. */
  readonly needsRef?: boolean;
  /** Written by the console itself; callers of appendEntry may not forge them. */
  readonly system?: boolean;
}

const Text = z.string().trim().min(1, 'must not be empty').max(20_000);
const ShortText = z.string().trim().min(1, 'must not be empty').max(200);

function spec<P>(s: KindSpec<P>): KindSpec<unknown> {
  return s as KindSpec<unknown>;
}

export const journalKinds = {
  /** First entry of every journal file (segment). */
  'journal.segment': spec({
    system: true,
    payload: z.strictObject({
      reason: z.enum(['new', 'after-break']),
      publicKey: z.string(),
      previous: z
        .strictObject({
          file: z.string(),
          lastGoodSeq: z.number().int().nonnegative(),
          lastGoodHash: z.string(),
          problem: z.string(),
        })
        .optional(),
    }),
    text: (p) => (p.previous ? `new segment after break: ${p.previous.problem}` : 'journal started'),
  }),
  /** A signed statement: every entry up to `upToSeq` hashes to `headHash`. */
  'journal.checkpoint': spec({
    system: true,
    payload: z.strictObject({
      upToSeq: z.number().int().positive(),
      headHash: z.string(),
      signature: z.string(),
    }),
    text: () => '',
  }),
  /** A free note from the duty officer. */
  note: spec({
    payload: z.strictObject({ text: Text, tags: z.array(ShortText).max(20).optional() }),
    text: (p) => [p.text, ...(p.tags ?? [])].join(' '),
  }),
  /** A patrol report (巡逻记录): where, and what was found. */
  patrol: spec({
    payload: z.strictObject({
      route: ShortText,
      zones: z.array(z.string()).max(50).default([]),
      finding: z.enum(['normal', 'issue']),
      text: Text,
    }),
    text: (p) => `${p.route} ${p.text}`,
  }),
  /** Shift handover (交接班) between the outgoing and incoming officer. */
  handover: spec({
    payload: z
      .strictObject({
        outgoing: ShortText,
        incoming: ShortText,
        summary: Text,
        openItems: z.array(ShortText).max(50).default([]),
      })
      .refine((p) => p.outgoing !== p.incoming, { message: 'outgoing and incoming officer must differ', path: ['incoming'] }),
    text: (p) => `${p.outgoing} ${p.incoming} ${p.summary} ${p.openItems.join(' ')}`,
  }),
  /** A correction of an earlier entry; the earlier entry stays as it was. */
  correction: spec({
    needsRef: true,
    payload: z.strictObject({ text: Text, reason: ShortText }),
    text: (p) => `${p.text} ${p.reason}`,
  }),
  // Drills and their review (shared/drill/kinds.ts).
  ...drillKinds,
  // Alerts and the duty level (shared/alerts/kinds.ts).
  ...alertKinds,
  ...planKinds,
  // The camera wall (shared/wall/kinds.ts).
  ...wallKinds,
  // Contact roster and comms checks (shared/roster/kinds.ts).
  ...rosterKinds,
} satisfies Record<string, KindSpec<unknown>>;

export type KindRegistry = Readonly<Record<string, KindSpec<unknown>>>;

/** Display names of kinds for filters and lists; features add theirs. */
export const kindLabels: Readonly<Record<string, z.infer<typeof LocalizedTextSchema>>> = {
  'journal.segment': { en: 'Journal segment', 'zh-CN': '日志分段' },
  'journal.checkpoint': { en: 'Signed checkpoint', 'zh-CN': '签名检查点' },
  note: { en: 'Note', 'zh-CN': '记事' },
  patrol: { en: 'Patrol report', 'zh-CN': '巡逻记录' },
  handover: { en: 'Shift handover', 'zh-CN': '交接班' },
  correction: { en: 'Correction', 'zh-CN': '更正' },
  ...drillKindLabels,
  ...alertKindLabels,
  ...planKindLabels,
  ...wallKindLabels,
  ...rosterKindLabels,
};
