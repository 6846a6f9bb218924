import type { ReplaySessions } from './sessions';

/** What the replay worker gets at start (workerData, beside its entry's own data). */
export interface ReplayWorkerInit {
  readonly liveFile: string;
}

/** The methods of ReplaySessions the replay worker serves; ReplayClient has each of them. */
export const replayMethods = ['open', 'seek', 'entries', 'drillRecord', 'close'] as const satisfies readonly (keyof ReplaySessions)[];

export type ReplayWorkerApi = Pick<ReplaySessions, (typeof replayMethods)[number]>;
