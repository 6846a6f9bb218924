import type { Inject } from '../drill/scenario';
import { domain } from './domain';

export interface DrillRun {
  /** Id of the drill.started entry: drill entries and evaluations ref it. */
  readonly startId: string;
  readonly scenarioId: string;
  readonly name: string;
  readonly startedAt: number;
  readonly startedBy: string;
  readonly speed: number;
  readonly durationSec: number;
  /** Injects fired so far, in order, with when. */
  readonly fired: readonly { readonly inject: Inject; readonly at: number; readonly phase: 'start' | 'restore'; readonly entryId: string }[];
  readonly end: { readonly at: number; readonly reason: 'ended' | 'real-emergency' | 'operator'; readonly by: string } | undefined;
  readonly evaluations: readonly string[];
}

export interface DrillState {
  /** The drill running now: every desk and wall view shows its banner. */
  readonly active: DrillRun | undefined;
  /** Recent drills, newest last (the last 50). */
  readonly runs: readonly DrillRun[];
}

const KEEP = 50;

function update(state: DrillState, startId: string | null, change: (run: DrillRun) => DrillRun): DrillState {
  if (!startId) return state;
  const index = state.runs.findIndex((r) => r.startId === startId);
  const run = state.runs[index];
  if (!run) return state;
  const next = change(run);
  const runs = [...state.runs.slice(0, index), next, ...state.runs.slice(index + 1)];
  return { active: state.active?.startId === startId ? (next.end ? undefined : next) : state.active, runs };
}

/** Drills: which one runs now, what it has injected, how it ended. */
export const drillDomain = domain<DrillState>({
  init: () => ({ active: undefined, runs: [] }),
  on: {
    'drill.started': (state, p, entry) => {
      const run: DrillRun = {
        startId: entry.id,
        scenarioId: p.scenarioId,
        name: p.name,
        startedAt: entry.occurredAt,
        startedBy: entry.actor,
        speed: p.speed,
        durationSec: p.durationSec,
        fired: [],
        end: undefined,
        evaluations: [],
      };
      // Two consoles starting drills at once: the later (in merge order) is the one running.
      return { active: run, runs: [...state.runs, run].slice(-KEEP) };
    },
    'drill.inject': (state, p, entry) =>
      update(state, entry.ref, (run) => ({ ...run, fired: [...run.fired, { inject: p.inject, at: entry.occurredAt, phase: p.phase, entryId: entry.id }] })),
    'drill.ended': (state, _p, entry) => update(state, entry.ref, (run) => (run.end ? run : { ...run, end: { at: entry.occurredAt, reason: 'ended', by: entry.actor } })),
    'drill.stopped': (state, p, entry) => update(state, entry.ref, (run) => (run.end ? run : { ...run, end: { at: entry.occurredAt, reason: p.reason, by: entry.actor } })),
    'drill.evaluation': (state, _p, entry) => update(state, entry.ref, (run) => ({ ...run, evaluations: [...run.evaluations, entry.id] })),
  },
});
