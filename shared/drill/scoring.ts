import type { JournalEntry } from '../journal/entry';
import { isKind } from '../journal/kinds';
import type { DrillRun } from '../state/drillDomain';
import type { DrillScenario, Inject } from './scenario';
import { type expectedActions } from './scenario';

export type ExpectedAction = (typeof expectedActions)[number];

/**
 * The id an alert inject of a drill raises: stable for the run and the inject,
 * so scoring finds the alert's handling entries without guessing.
 */
export function drillAlertId(startId: string, injectId: string): string {
  return `drill:${startId.slice(-12)}:${injectId}`;
}

/** Legible contact: the other side got the message (directly or relayed). */
const LEGIBLE: ReadonlySet<string> = new Set(['answered', 'relayed']);

interface Payload {
  readonly alertId?: unknown;
}

/** Which journal entry proves an expected action was done, for one inject. */
function proves(expected: { action: ExpectedAction; step?: string | undefined }, inject: Inject, alertId: string, entry: JournalEntry): boolean {
  const p = (entry.payload ?? {}) as Payload;
  const forAlert = p.alertId === alertId;
  switch (expected.action) {
    case 'plan-step':
      return forAlert && isKind(entry, 'alert.step-done') && entry.payload.step === expected.step;
    case 'acknowledge':
      return forAlert && entry.kind === 'alert.acknowledged';
    case 'start-plan':
      return forAlert && entry.kind === 'alert.dispatched';
    case 'on-scene':
      return forAlert && entry.kind === 'alert.on-scene';
    case 'report-upward':
      return forAlert && entry.kind === 'alert.reported';
    case 'resolve':
      return forAlert && (entry.kind === 'alert.resolved' || entry.kind === 'alert.false-alarm');
    case 'radio-contact':
      // Any legible radio contact after the inject counts: the drill tests that command keeps talking.
      return isKind(entry, 'comms.attempt') && entry.payload.method === 'radio' && LEGIBLE.has(entry.payload.result);
    case 'comms-check':
      return (
        isKind(entry, 'comms.attempt') && LEGIBLE.has(entry.payload.result) && (inject.kind !== 'missed-checkin' || entry.payload.to === inject.person)
      );
  }
}

export interface ActionScore {
  readonly action: ExpectedAction;
  /** The plan step a `plan-step` action timed. */
  readonly step?: string;
  readonly targetSec: number;
  /** Seconds of scenario time from the inject to the proving entry; null: never done. */
  readonly tookSec: number | null;
  readonly pass: boolean;
  /** The journal entry that proves it. */
  readonly entryId: string | null;
  readonly by: string | null;
}

export interface InjectScore {
  readonly injectId: string;
  readonly kind: Inject['kind'];
  readonly firedAt: number | null;
  readonly actions: readonly ActionScore[];
  readonly pass: boolean;
}

export interface ObjectiveScore {
  readonly id: string;
  readonly injects: readonly string[];
  readonly pass: boolean;
  /** Passed expected actions out of all expected actions of its injects. */
  readonly passed: number;
  readonly total: number;
}

export interface DrillScore {
  readonly startId: string;
  readonly scenarioId: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly endReason: 'ended' | 'real-emergency' | 'operator' | null;
  readonly speed: number;
  readonly injects: readonly InjectScore[];
  readonly objectives: readonly ObjectiveScore[];
  readonly passed: number;
  readonly total: number;
}

/**
 * Scores a drill run from the journal: for each fired inject and each action
 * it expected, the first entry that proves the action, how long it took in
 * scenario time (wall time × drill speed), and pass or fail against the
 * target. Pure: the same entries always give the same score, live or in replay.
 *
 * `entries` are the journal entries from the drill's start onward, in merge
 * order; entries of other runs and LIVE entries are ignored (a drill is
 * scored only on what was done in the drill).
 */
export function scoreDrill(run: DrillRun, scenario: DrillScenario, entries: readonly JournalEntry[]): DrillScore {
  const endAt = run.end?.at ?? Number.POSITIVE_INFINITY;
  const drillEntries = entries.filter((e) => e.mode === 'DRILL' && e.occurredAt >= run.startedAt && e.occurredAt <= endAt);
  const injects: InjectScore[] = scenario.injects
    .filter((inject) => inject.expected.length > 0)
    .map((inject) => {
      const fired = run.fired.find((f) => f.inject.id === inject.id && f.phase === 'start');
      const alertId = drillAlertId(run.startId, inject.id);
      const actions = inject.expected.map((exp): ActionScore => {
        const step = exp.step !== undefined ? { step: exp.step } : {};
        if (!fired) return { action: exp.action, ...step, targetSec: exp.withinSec, tookSec: null, pass: false, entryId: null, by: null };
        const proof = drillEntries.find((e) => e.occurredAt >= fired.at && proves(exp, inject, alertId, e));
        const tookSec = proof ? ((proof.occurredAt - fired.at) * run.speed) / 1000 : null;
        return {
          action: exp.action,
          ...step,
          targetSec: exp.withinSec,
          tookSec: tookSec === null ? null : Math.round(tookSec * 10) / 10,
          pass: tookSec !== null && tookSec <= exp.withinSec,
          entryId: proof?.id ?? null,
          by: proof?.actor ?? null,
        };
      });
      return { injectId: inject.id, kind: inject.kind, firedAt: fired?.at ?? null, actions, pass: actions.every((a) => a.pass) };
    });
  const byInject = new Map(injects.map((s) => [s.injectId, s]));
  const objectives = scenario.objectives.map((o): ObjectiveScore => {
    const covered = (o.covers ?? []).map((id) => byInject.get(id)).filter((s): s is InjectScore => s !== undefined);
    const all = covered.flatMap((s) => s.actions);
    const passed = all.filter((a) => a.pass).length;
    return { id: o.id, injects: covered.map((s) => s.injectId), passed, total: all.length, pass: all.length > 0 && passed === all.length };
  });
  const all = injects.flatMap((s) => s.actions);
  return {
    startId: run.startId,
    scenarioId: run.scenarioId,
    startedAt: run.startedAt,
    endedAt: run.end?.at ?? null,
    endReason: run.end?.reason ?? null,
    speed: run.speed,
    injects,
    objectives,
    passed: all.filter((a) => a.pass).length,
    total: all.length,
  };
}

/** Intervals the after-action report shows per alert inject: each step from the one before it. */
export function stepIntervals(score: InjectScore): { from: ExpectedAction | 'alert'; to: ExpectedAction; sec: number | null }[] {
  const out: { from: ExpectedAction | 'alert'; to: ExpectedAction; sec: number | null }[] = [];
  let prev: { name: ExpectedAction | 'alert'; at: number | null } = { name: 'alert', at: 0 };
  for (const a of score.actions) {
    out.push({ from: prev.name, to: a.action, sec: a.tookSec === null || prev.at === null ? null : Math.round((a.tookSec - prev.at) * 10) / 10 });
    prev = { name: a.action, at: a.tookSec };
  }
  return out;
}
