import { useState, type DragEvent, type MouseEvent } from 'react';
import type { Point } from '../../../shared/domain/ids';
import { addCorner, svgPoint } from './planGeometry';

export type PlanMode = 'idle' | 'calibrate' | 'zone' | 'camera';

export interface CameraDraft {
  readonly id: string;
  readonly heading: string;
  readonly fov: string;
  readonly position: Point | undefined;
}

/**
 * What the operator is drawing on the plan: the mode, the clicked points
 * (calibration ends or zone corners), whether the zone is closed, and the
 * camera being placed. Clicks and drops on the plan move it.
 */
export function usePlanDraft(unit: number) {
  const [mode, setMode] = useState<PlanMode>('idle');
  const [points, setPoints] = useState<Point[]>([]);
  const [closed, setClosed] = useState(false);
  const [camera, setCamera] = useState<CameraDraft>({ id: '', heading: '0', fov: '60', position: undefined });

  const start = (next: PlanMode): void => {
    setMode(next);
    setPoints([]);
    setClosed(false);
  };
  const onClick = (e: MouseEvent<SVGSVGElement>): void => {
    const p = svgPoint(e.currentTarget, e.clientX, e.clientY);
    if (!p) return;
    if (mode === 'calibrate') setPoints((prev) => (prev.length >= 2 ? [p] : [...prev, p]));
    else if (mode === 'zone' && !closed) setPoints((prev) => addCorner(prev, p, unit * 0.3));
    else if (mode === 'camera') setCamera((c) => ({ ...c, position: p }));
  };
  const onDoubleClick = (): void => {
    if (mode === 'zone' && points.length >= 3) setClosed(true);
  };
  const onDrop = (e: DragEvent<SVGSVGElement>): void => {
    e.preventDefault();
    const id = e.dataTransfer.getData('text/x-camera');
    const p = svgPoint(e.currentTarget, e.clientX, e.clientY);
    if (!id || !p) return;
    setMode('camera');
    setCamera((c) => ({ ...c, id, position: p }));
  };
  const placeCamera = (next: CameraDraft): void => {
    setMode('camera');
    setCamera(next);
  };
  return { mode, points, closed, camera, setCamera, start, placeCamera, onClick, onDoubleClick, onDrop };
}
