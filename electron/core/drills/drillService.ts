import { ConsoleError } from '../../../shared/errors';
import { localize } from '../../../shared/i18n';
import type { DrillScenario, Inject } from '../../../shared/drill/scenario';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { DrillRun } from '../../../shared/state/drillDomain';
import type { JournalService } from '../journal/service';
import type { CameraSimulator } from '../media/simulator';
import type { StateService } from '../state/stateService';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';

export interface DrillHooks {
  /** Raises a drill alert through the alert path (set once alert ingest exists); receives the inject entry. */
  raiseAlert?: (inject: Extract<Inject, { kind: 'alert' }>, injectEntry: JournalEntry) => Promise<void>;
  /** Closes every open drill alert ("drill stopped"), when a real emergency stops the drill. */
  closeDrillAlerts?: (actor: string) => Promise<number>;
}

/**
 * Runs drill scenarios. Starting one journals `drill.started` (DRILL mode);
 * each inject fires on the injected clock as a `drill.inject` entry and does
 * what it says (a demo camera goes down and comes back, an alert is raised);
 * `drill.ended` closes it. Everything is derived from the journal: after a
 * restart mid-drill the remaining injects are scheduled again, fired ones
 * are not repeated. "Real emergency — stop the drill" ends it at once with a
 * LIVE entry, undoes what the drill did to the cameras and closes the drill's
 * open alarms (code "drill-stopped").
 */
export class DrillService {
  private timers: (() => void)[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      journal: JournalService;
      state: StateService;
      scenarios: readonly DrillScenario[];
      simulator: CameraSimulator;
      clock: Clock;
      log: Log;
      hooks: DrillHooks;
    },
  ) {}

  scenarios(): readonly DrillScenario[] {
    return this.deps.scenarios;
  }

  /** Re-arms a drill that was running when the console stopped. */
  resume(): void {
    const active = this.deps.state.current().drill.active;
    if (active) this.arm(active);
  }

  async start(scenarioId: string, speed: number, actor: string): Promise<DrillRun> {
    if (this.deps.state.current().drill.active) {
      throw new ConsoleError('conflict', 'a drill is already running; stop it first');
    }
    const scenario = this.deps.scenarios.find((s) => s.id === scenarioId);
    if (!scenario) throw new ConsoleError('not-found', `no drill scenario "${scenarioId}" on this site`, [{ path: 'scenarioId', message: 'unknown scenario' }]);
    const entry = await this.deps.journal.append(
      {
        kind: 'drill.started',
        mode: 'DRILL',
        payload: { scenarioId, name: localize(scenario.name, 'en'), durationSec: scenario.durationSec, speed, injects: scenario.injects.length },
      },
      { actor, mode: 'DRILL' },
    );
    const run = this.deps.state.current().drill.runs.find((r) => r.startId === entry.id);
    if (!run) throw new ConsoleError('internal', 'the drill did not appear in the site state');
    this.arm(run);
    return run;
  }

  async stop(reason: 'real-emergency' | 'operator', note: string | undefined, actor: string): Promise<void> {
    const active = this.deps.state.current().drill.active;
    if (!active) throw new ConsoleError('conflict', 'no drill is running');
    this.disarm();
    // A real emergency is real: that entry is LIVE, so it reaches every live path.
    const mode = reason === 'real-emergency' ? 'LIVE' : 'DRILL';
    await this.deps.journal.append(
      { kind: 'drill.stopped', ref: active.startId, mode, payload: { scenarioId: active.scenarioId, reason, ...(note ? { note } : {}) } },
      { actor, mode },
    );
    this.undoCameraFaults(active);
    // A real emergency needs the queue and the wall: the drill's alarms leave both (its record keeps them).
    if (reason !== 'real-emergency') return;
    // The drill has stopped either way: a failure to close its alarms is logged (they can be closed by hand), not thrown at the officer.
    try {
      await this.deps.hooks.closeDrillAlerts?.(actor);
    } catch (err) {
      this.deps.log.error('drills: the stopped drill\'s alarms could not all be closed; close them at the desk', { error: String(err) });
    }
  }

  /** Schedules every inject of a run that has not fired yet, relative to its start. */
  private arm(run: DrillRun): void {
    this.disarm();
    const scenario = this.deps.scenarios.find((s) => s.id === run.scenarioId);
    if (!scenario) {
      this.deps.log.warn('drill scenario no longer on this site; the running drill cannot continue', { scenario: run.scenarioId });
      return;
    }
    const at = (sec: number): number => run.startedAt + (sec * 1000) / run.speed;
    const fired = new Set(run.fired.map((f) => `${f.inject.id}:${f.phase}`));
    const plan: { when: number; inject: Inject; phase: 'start' | 'restore' }[] = [];
    for (const inject of scenario.injects) {
      if (!fired.has(`${inject.id}:start`)) plan.push({ when: at(inject.atSec), inject, phase: 'start' });
      if (inject.kind === 'camera-outage' && !fired.has(`${inject.id}:restore`)) {
        plan.push({ when: at(inject.atSec + inject.durationSec), inject, phase: 'restore' });
      }
    }
    plan.sort((a, b) => a.when - b.when);
    const now = this.deps.clock.now();
    for (const step of plan) {
      this.timers.push(this.deps.clock.setTimeout(() => this.enqueue(() => this.fire(run, step.inject, step.phase)), Math.max(0, step.when - now)));
    }
    this.timers.push(this.deps.clock.setTimeout(() => this.enqueue(() => this.end(run)), Math.max(0, at(scenario.durationSec) - now)));
  }

  /** Injects fire one at a time, in order, even when several are due at once. */
  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(step).catch((err: unknown) => this.deps.log.error('drill step failed', { error: String(err) }));
  }

  private async fire(run: DrillRun, inject: Inject, phase: 'start' | 'restore'): Promise<void> {
    if (this.deps.state.current().drill.active?.startId !== run.startId) return;
    const entry = await this.deps.journal.append(
      { kind: 'drill.inject', ref: run.startId, mode: 'DRILL', payload: { scenarioId: run.scenarioId, inject, phase } },
      { actor: 'system', mode: 'DRILL', allowSystem: true },
    );
    if (inject.kind === 'camera-outage') this.cameraFault(inject.camera, phase === 'start' ? 'down' : 'live');
    if (inject.kind === 'alert' && phase === 'start') await this.deps.hooks.raiseAlert?.(inject, entry);
  }

  private async end(run: DrillRun): Promise<void> {
    if (this.deps.state.current().drill.active?.startId !== run.startId) return;
    await this.deps.journal.append(
      { kind: 'drill.ended', ref: run.startId, mode: 'DRILL', payload: { scenarioId: run.scenarioId } },
      { actor: 'system', mode: 'DRILL', allowSystem: true },
    );
    this.disarm();
  }

  private cameraFault(cameraId: string, state: 'down' | 'live'): void {
    try {
      this.deps.simulator.setFault({ cameraId, stream: 'both', state });
    } catch (err) {
      // A real camera cannot be switched off by a drill: the inject stands in the journal for the exercise.
      this.deps.log.info('drill camera outage recorded only', { camera: cameraId, reason: String(err) });
    }
  }

  private undoCameraFaults(run: DrillRun): void {
    const restored = new Set(run.fired.filter((f) => f.phase === 'restore').map((f) => f.inject.id));
    for (const f of run.fired) {
      if (f.inject.kind === 'camera-outage' && f.phase === 'start' && !restored.has(f.inject.id)) this.cameraFault(f.inject.camera, 'live');
    }
  }

  private disarm(): void {
    for (const cancel of this.timers) cancel();
    this.timers = [];
  }

  close(): void {
    this.disarm();
  }
}
