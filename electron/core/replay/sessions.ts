import { ConsoleError } from '../../../shared/errors';
import type { DrillRecord, ReplayFrame, ReplayInfo, ReplaySource, TimelineEntry } from '../../../shared/replay/types';
import { ReplaySession } from './session';

/** The replays open in the replay thread, by id: what its worker serves (protocol.ts). */
export class ReplaySessions {
  private readonly sessions = new Map<string, ReplaySession>();
  private next = 1;

  constructor(private readonly liveFile: string) {}

  open(source: ReplaySource): ReplayInfo {
    const s = ReplaySession.open(source, this.liveFile);
    const replayId = `r${this.next++}`;
    this.sessions.set(replayId, s);
    return { replayId, ...s.info };
  }

  seek(replayId: string, t: number): ReplayFrame {
    return this.session(replayId).seek(t);
  }

  entries(replayId: string, fromIndex: number, limit: number): TimelineEntry[] {
    return this.session(replayId).entries(fromIndex, limit);
  }

  drillRecord(replayId: string, startId: string): DrillRecord {
    return this.session(replayId).drillRecord(startId);
  }

  close(replayId: string): null {
    this.sessions.get(replayId)?.close();
    this.sessions.delete(replayId);
    return null;
  }

  private session(replayId: string): ReplaySession {
    const s = this.sessions.get(replayId);
    if (!s) throw new ConsoleError('not-found', `no open replay "${replayId}" (it may have been closed)`);
    return s;
  }
}
