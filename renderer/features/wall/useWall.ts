import { useEffect, useMemo, useRef, useState } from 'react';
import type { SiteView } from '../../../shared/site/view';
import { emptyWall, isMaskLifted, type WallScreen } from '../../../shared/state/wallDomain';
import { wallAlarms } from '../../../shared/state/wallAlarms';
import { wallModel, type WallModel } from '../../../shared/wall/model';
import { useConsole } from '../../app/StoreContext';
import { useNow } from '../../ui/useNow';

/**
 * The tour's running clock: starts at the tour's start entry, stands still
 * while `paused` (an alarm holds the wall), so a pop-up never eats a step.
 */
function useTourClock(startedAt: number | undefined, paused: boolean): number {
  const [active, setActive] = useState(0);
  const pausedRef = useRef(paused);
  useEffect(() => {
    pausedRef.current = paused;
  }, [paused]);
  useEffect(() => {
    if (startedAt === undefined) return undefined;
    let running = Math.max(0, Date.now() - startedAt);
    let last = Date.now();
    const tick = (): void => {
      const now = Date.now();
      if (!pausedRef.current) running += Math.max(0, now - last);
      last = now;
      setActive(running);
    };
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 500);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [startedAt]);
  return startedAt === undefined ? 0 : active;
}

const NO_SCREEN = emptyWall();

/** The wall at `address` as the journal projection says, resolved against the site. */
export function useWallModel(address: string, site: SiteView): { model: WallModel; screen: WallScreen; liftedFor: (camera: string) => ReadonlySet<number> } {
  const screen = useConsole((s) => s.siteState.wall.walls[address]) ?? NO_SCREEN;
  // Memoised on the alerts state: the same array until an alert entry arrives.
  const alarms = useConsole((s) => wallAlarms(s.siteState.alerts));
  const wallState = useConsole((s) => s.siteState.wall);
  // Time matters only while something can change by time alone (a pop-up hold, a tour step): tick fast then,
  // otherwise rarely, so sixteen tiles are not re-rendered twice a second for nothing.
  const timed = alarms.length > 0 || screen.tour !== undefined || Object.keys(wallState.liftedMasks).length > 0;
  const now = useNow(timed ? 500 : 30_000, undefined, alarms);
  const zoneCameras = useMemo(() => {
    const byZone: Record<string, string[]> = {};
    for (const c of site.cameras) if (c.zone) (byZone[c.zone] ??= []).push(c.id);
    return byZone;
  }, [site]);
  const cameraIds = useMemo(() => site.cameras.map((c) => c.id), [site]);
  const base = {
    screen,
    cameraIds,
    groups: site.cameraGroups,
    customLayouts: site.wall?.layouts ?? [],
    tours: site.wall?.tours ?? [],
    alarms,
    zoneCameras,
    now,
    ...(site.wall?.alarmSlots !== undefined ? { alarmSlots: site.wall.alarmSlots } : {}),
  };
  // First pass decides whether an alarm pauses the tour; the clock then runs (or not) accordingly.
  const first = wallModel({ ...base, tourActiveMs: 0 });
  const paused = first.spotlight?.reason === 'alarm' || first.alarmCards.length > 0;
  const tourActiveMs = useTourClock(screen.tour?.startedAt, paused);
  const model = wallModel({ ...base, tourActiveMs });
  const liftedFor = (camera: string): ReadonlySet<number> => {
    const cam = site.cameras.find((c) => c.id === camera);
    const out = new Set<number>();
    cam?.masks.forEach((_, i) => {
      if (isMaskLifted(wallState, camera, i, now)) out.add(i);
    });
    return out;
  };
  return { model, screen, liftedFor };
}
