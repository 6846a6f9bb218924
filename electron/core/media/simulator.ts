import { resolve } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import type { SourceFault, SourceStatus } from '../../../shared/media/sources';
import type { Camera } from '../../../shared/site/schema';
import { streamNames, type StreamName } from '../../../shared/site/streams';
import type { Log } from '../support/log';
import { ClipError, loadDemoClip, type DemoClip } from './demoClip';
import { LiveHlsSource, unavailable, type HttpResult } from './liveHls';

type Rendition = { kind: 'live'; source: LiveHlsSource } | { kind: 'error'; reason: string } | { kind: 'external' };

/** URL path (relative to the console's origin) of a simulated rendition's playlist. */
export function demoPlaylistPath(cameraId: string, stream: StreamName): string {
  return `media/${cameraId}/${stream}/index.m3u8`;
}

/**
 * Serves every `demo` camera stream of a site as a live HLS source, and lets
 * tests and drills stop, stall and restart them. A clip that is missing or
 * corrupt disables only the renditions that use it, with the reason.
 */
export class CameraSimulator {
  private readonly renditions = new Map<string, Rendition>();

  constructor(
    cameras: readonly Camera[],
    siteDir: string,
    now: () => number,
    private readonly log: Log,
    private readonly onStatus: (status: SourceStatus) => void,
  ) {
    const clips = new Map<string, DemoClip | ClipError>();
    const epochMs = Math.floor(now() / 1000) * 1000 - 10_000;
    cameras.forEach((camera, index) => {
      for (const stream of streamNames) {
        const source = camera.streams[stream];
        if (source.kind !== 'demo') {
          this.renditions.set(key(camera.id, stream), { kind: 'external' });
          continue;
        }
        const dir = resolve(siteDir, source.clip);
        let clip = clips.get(dir);
        if (!clip) {
          try {
            clip = loadDemoClip(dir);
          } catch (err) {
            clip = err instanceof ClipError ? err : new ClipError(`${dir}: ${String(err)}`);
            log.warn('demo clip unusable', { clip: dir, reason: clip.message });
          }
          clips.set(dir, clip);
        }
        this.renditions.set(
          key(camera.id, stream),
          clip instanceof ClipError
            ? { kind: 'error', reason: clip.message }
            : { kind: 'live', source: new LiveHlsSource(clip, epochMs, index * 3, now) },
        );
      }
    });
  }

  statuses(): SourceStatus[] {
    return [...this.renditions.entries()].map(([k, r]) => statusOf(k, r));
  }

  /** Applies a fault to a demo camera; refuses cameras that are not simulated. */
  setFault(fault: SourceFault): SourceStatus[] {
    const streams: StreamName[] = fault.stream === 'both' ? [...streamNames] : [fault.stream];
    const changed: SourceStatus[] = [];
    for (const stream of streams) {
      const k = key(fault.cameraId, stream);
      const rendition = this.renditions.get(k);
      if (!rendition) throw new ConsoleError('not-found', `no camera "${fault.cameraId}" on this site`);
      if (rendition.kind === 'external') {
        throw new ConsoleError('invalid-argument', `camera "${fault.cameraId}" ${stream} stream is not simulated; only demo sources take faults`);
      }
      if (rendition.kind === 'error') continue;
      if (rendition.source.current === fault.state) {
        changed.push(statusOf(k, rendition));
        continue;
      }
      rendition.source.setState(fault.state);
      const status = statusOf(k, rendition);
      this.log.info('camera source fault set', { camera: fault.cameraId, stream, state: fault.state });
      this.onStatus(status);
      changed.push(status);
    }
    return changed;
  }

  /**
   * Answers `media/<camera>/<stream>/<file>`; `file` is index.m3u8, init.mp4
   * or seg-<n>.m4s. Returns undefined for paths it does not own.
   */
  handle(cameraId: string, stream: string, file: string): HttpResult | undefined {
    const rendition = this.renditions.get(key(cameraId, stream));
    if (!rendition) return undefined;
    if (rendition.kind === 'external') return undefined;
    if (rendition.kind === 'error') return unavailable(`demo clip unusable: ${rendition.reason}`);
    if (file === 'index.m3u8') return rendition.source.playlist();
    if (file === 'init.mp4') return rendition.source.init();
    const match = /^seg-(\d{1,15})\.m4s$/.exec(file);
    if (match?.[1]) return rendition.source.segment(Number(match[1]));
    return undefined;
  }

  /** For tests: the live edge of a simulated rendition. */
  liveEdge(cameraId: string, stream: StreamName): number | undefined {
    const r = this.renditions.get(key(cameraId, stream));
    return r?.kind === 'live' ? r.source.liveEdge() : undefined;
  }
}

function key(cameraId: string, stream: string): string {
  return `${cameraId}\u0000${stream}`;
}

function statusOf(k: string, r: Rendition): SourceStatus {
  const [cameraId = '', stream = 'main'] = k.split('\u0000');
  const s = stream === 'sub' ? 'sub' : 'main';
  switch (r.kind) {
    case 'external':
      return { cameraId, stream: s, state: 'external' };
    case 'error':
      return { cameraId, stream: s, state: 'error', reason: r.reason };
    case 'live': {
      const state = r.source.current;
      if (state === 'live') return { cameraId, stream: s, state };
      return { cameraId, stream: s, state, reason: state === 'down' ? 'source stopped (simulated fault)' : 'source frozen (simulated fault)' };
    }
  }
}
