import { z } from 'zod';
import { drillKinds } from '../drill/kinds';
import { alertKinds } from '../alerts/kinds';
import { rosterKinds } from '../roster/kinds';
import { planKinds } from '../plans/kinds';
import { wallKinds } from '../wall/kinds';
import { syncKinds } from '../sync/kinds';
import { accessKinds } from '../access/kinds';
import { toFieldIssues } from '../validation';
import type { JournalEntry } from './entry';
import { kind, type KindLabel, type KindSpec } from './kindSpec';

export { kind, type AlertRef, type KindLabel, type KindSpec, type SummaryContext } from './kindSpec';

const Text = z.string().trim().min(1, 'must not be empty').max(20_000);
const ShortText = z.string().trim().min(1, 'must not be empty').max(200);

/**
 * Every kind of journal entry, one registration each (`kind({ payload, label,
 * text, summary })`): the schema of its payload, its label in both languages,
 * the words full-text search indexes and its one-line summary. Appends of unknown kinds or bad payloads
 * are refused with field-level errors. Features keep their kinds in their own
 * `kinds.ts` and spread them in here (group them by feature).
 */
export const journalKinds = {
  /** First entry of every journal file (segment). */
  'journal.segment': kind({
    label: { en: 'Journal segment', 'zh-CN': '日志分段' },
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
    summary: (p, c) => (p.previous ? c.say({ en: `New segment after a break: ${p.previous.problem}`, 'zh-CN': `中断后新分段：${p.previous.problem}` }) : c.say({ en: 'Journal started', 'zh-CN': '日志开始' })),
  }),
  /** A signed statement: every entry up to `upToSeq` hashes to `headHash`. */
  'journal.checkpoint': kind({
    label: { en: 'Signed checkpoint', 'zh-CN': '签名检查点' },
    system: true,
    payload: z.strictObject({
      upToSeq: z.number().int().positive(),
      headHash: z.string(),
      signature: z.string(),
    }),
    text: () => '',
    summary: (p, c) => c.say({ en: `Entries up to #${p.upToSeq} signed (${p.headHash.slice(0, 16)}…)`, 'zh-CN': `已签名至 #${p.upToSeq}（${p.headHash.slice(0, 16)}…）` }),
  }),
  /** A supervisor accepted a broken journal and started a new segment (startNewJournalSegment); the actor is who did it. */
  'journal.break-accepted': kind({
    label: { en: 'Journal break accepted', 'zh-CN': '确认日志中断' },
    system: true,
    payload: z.strictObject({ approvedBy: z.string().max(64).optional() }),
    text: () => '',
    summary: (p, c) =>
      p.approvedBy !== undefined
        ? c.say({ en: `The journal break was accepted and a new segment started (approved by ${c.person(p.approvedBy)})`, 'zh-CN': `已确认日志中断并开始新分段（${c.person(p.approvedBy)} 批准）` })
        : c.say({ en: 'The journal break was accepted and a new segment started', 'zh-CN': '已确认日志中断并开始新分段' }),
  }),
  /** A free note from the duty officer. */
  note: kind({
    label: { en: 'Note', 'zh-CN': '记事' },
    payload: z.strictObject({ text: Text, tags: z.array(ShortText).max(20).optional() }),
    text: (p) => [p.text, ...(p.tags ?? [])].join(' '),
    summary: (p) => [p.text, ...(p.tags ?? []).map((t) => `#${t}`)].join(' '),
  }),
  /** A patrol report (巡逻记录): where, and what was found. */
  patrol: kind({
    label: { en: 'Patrol report', 'zh-CN': '巡逻记录' },
    payload: z.strictObject({
      route: ShortText,
      zones: z.array(z.string()).max(50).default([]),
      finding: z.enum(['normal', 'issue']),
      text: Text,
    }),
    text: (p) => `${p.route} ${p.text}`,
    summary: (p, c) => {
      const zones = p.zones.length > 0 ? ` (${p.zones.map((z) => c.zone(z)).join(c.say({ en: ', ', 'zh-CN': '、' }))})` : '';
      const finding = p.finding === 'issue' ? c.say({ en: 'issue found', 'zh-CN': '发现问题' }) : c.say({ en: 'all normal', 'zh-CN': '正常' });
      return `${p.route}${zones} · ${finding} · ${p.text}`;
    },
  }),
  /** Shift handover (交接班) between the outgoing and incoming officer. */
  handover: kind({
    label: { en: 'Shift handover', 'zh-CN': '交接班' },
    payload: z
      .strictObject({
        outgoing: ShortText,
        incoming: ShortText,
        summary: Text,
        openItems: z.array(ShortText).max(50).default([]),
      })
      .refine((p) => p.outgoing !== p.incoming, { message: 'outgoing and incoming officer must differ', path: ['incoming'] }),
    text: (p) => `${p.outgoing} ${p.incoming} ${p.summary} ${p.openItems.join(' ')}`,
    summary: (p, c) => {
      const open = p.openItems.length > 0 ? c.say({ en: ` · Open: ${p.openItems.join('; ')}`, 'zh-CN': ` · 待办：${p.openItems.join('；')}` }) : '';
      return `${c.person(p.outgoing)} → ${c.person(p.incoming)}${c.say({ en: ': ', 'zh-CN': '：' })}${p.summary}${open}`;
    },
  }),
  /** A correction of an earlier entry; the earlier entry stays as it was. */
  correction: kind({
    label: { en: 'Correction', 'zh-CN': '更正' },
    needsRef: true,
    payload: z.strictObject({ text: Text, reason: ShortText }),
    text: (p) => `${p.text} ${p.reason}`,
    summary: (p, c) => c.say({ en: `${p.text} (reason: ${p.reason})`, 'zh-CN': `${p.text}（原因：${p.reason}）` }),
  }),
  // Drills and their review (shared/drill/kinds.ts).
  ...drillKinds,
  // Alerts and the duty level (shared/alerts/kinds.ts).
  ...alertKinds,
  ...planKinds,
  // The camera wall (shared/wall/kinds.ts).
  ...wallKinds,
  ...syncKinds,
  ...accessKinds,
  // Contact roster and comms checks (shared/roster/kinds.ts).
  ...rosterKinds,
} satisfies Record<string, KindSpec<unknown>>;

export type JournalKind = keyof typeof journalKinds;

/** The payload type of a kind, as its schema outputs it (entries store the parsed payload, defaults applied). */
export type PayloadOf<K extends JournalKind> = (typeof journalKinds)[K] extends KindSpec<infer P> ? P : never;

/** The registry as the journal reads it: by a kind name that comes from outside. */
export type KindRegistry = Readonly<Record<string, KindSpec<unknown>>>;
const registry: KindRegistry = journalKinds;

/** An entry of one kind, with its payload typed by the kind's schema. */
export type EntryOf<K extends JournalKind> = JournalEntry & { readonly kind: K; readonly payload: PayloadOf<K> };

/**
 * Narrows an entry to a kind. Trusts the payload as the folds do: own entries
 * are parsed on append and peers' on arrival (`payloadProblem`).
 */
export function isKind<K extends JournalKind>(entry: JournalEntry, kind: K): entry is EntryOf<K> {
  return entry.kind === kind;
}

/**
 * Display names of kinds for filters and lists, read from the registrations
 * (every registration must carry both languages). Keyed by string because
 * entries name their kind as a string.
 */
export const kindLabels: Readonly<Record<string, KindLabel>> = Object.fromEntries(Object.entries(registry).map(([name, spec]) => [name, spec.label]));

/**
 * Why an entry's payload does not fit its kind, or undefined when it does.
 * Own entries are checked on append; a peer's entries, which are checked
 * against the envelope schema when they arrive, are checked here once on
 * arrival too, so the folds may trust the payload type of their kind.
 */
export function payloadProblem(entry: Pick<JournalEntry, 'kind' | 'payload'>): string | undefined {
  const spec = Object.hasOwn(registry, entry.kind) ? registry[entry.kind] : undefined;
  if (!spec) return `unknown entry kind "${entry.kind}"`;
  const parsed = spec.payload.safeParse(entry.payload);
  if (parsed.success) return undefined;
  const issue = toFieldIssues(parsed.error, ['payload'])[0];
  return `${issue?.path ?? 'payload'}: ${issue?.message ?? 'invalid'}`;
}
