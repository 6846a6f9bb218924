import type { Severity } from '../domain/severity';
import { alertList, needsAttention, progressDue, type AlertsState, type AlertView } from '../state/alertsDomain';

/** Unacknowledged alarms (and those re-alerted for want of progress) by severity: the count every page shows. */
export interface AttentionCounts {
  readonly red: number;
  readonly orange: number;
  readonly yellow: number;
  readonly blue: number;
  /** Of them, escalated to the supervisor (not acknowledged in time) or re-alerted for progress. */
  readonly escalated: number;
  readonly total: number;
}

const countsOf = new WeakMap<AlertsState, AttentionCounts>();

/** Memoised on the alerts state: every page may ask on every render. */
export function attentionCounts(alerts: AlertsState): AttentionCounts {
  const known = countsOf.get(alerts);
  if (known) return known;
  const c = { red: 0, orange: 0, yellow: 0, blue: 0, escalated: 0, total: 0 };
  for (const a of alertList(alerts)) {
    if (!needsAttention(a)) continue;
    c[a.severity] += 1;
    c.total += 1;
    if (a.status === 'escalated' || progressDue(a)) c.escalated += 1;
  }
  countsOf.set(alerts, c);
  return c;
}

/** Severities that sound, most urgent first; a blue (information) alarm never does. */
export const TONE_SEVERITIES = ['red', 'orange', 'yellow'] as const satisfies readonly Severity[];
export type ToneSeverity = (typeof TONE_SEVERITIES)[number];

export interface Sounding {
  /** The tone this console plays: the most severe alarm still waiting, not silenced here. */
  readonly tone: ToneSeverity | undefined;
  /** The alarms sounding at this console (what a silence names). */
  readonly alertIds: readonly string[];
  /** Alarms waiting that this console silenced (they still flash and count). */
  readonly silenced: number;
}

/**
 * What this console's speaker does: every alarm that waits for a person
 * (unacknowledged, or re-alerted for progress) sounds at its severity's tone
 * until acknowledged, except where this console silenced it.
 */
export function sounding(alerts: AlertsState, consoleId: string): Sounding {
  const ids: string[] = [];
  let best: number | undefined;
  let silenced = 0;
  for (const a of alertList(alerts)) {
    if (!needsAttention(a) || !sounds(a)) continue;
    if (a.silencedOn?.includes(consoleId) ?? false) {
      silenced += 1;
      continue;
    }
    ids.push(a.id);
    const rank = TONE_SEVERITIES.indexOf(a.severity as ToneSeverity);
    if (best === undefined || rank < best) best = rank;
  }
  return { tone: best === undefined ? undefined : TONE_SEVERITIES[best], alertIds: ids, silenced };
}

function sounds(a: AlertView): boolean {
  return (TONE_SEVERITIES as readonly Severity[]).includes(a.severity);
}
