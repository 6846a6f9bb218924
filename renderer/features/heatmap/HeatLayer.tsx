import { useEffect, useMemo, useRef } from 'react';
import { packEvents } from '../../../shared/heatmap/pack';
import type { HeatEvent } from '../../../shared/heatmap/types';
import { HeatClient } from './heatClient';

/** Default kernel radius: about a room or a corridor section. */
export const DEFAULT_RADIUS_M = 5;

export interface HeatLayerProps {
  readonly widthM: number;
  readonly heightM: number;
  /** Events of this floor inside the window. */
  readonly events: readonly HeatEvent[];
  readonly radiusM?: number;
}

/**
 * The heat map as an SVG layer: a canvas in a foreignObject spanning the
 * floor's metric extent, so it lines up with the zones drawn over it. The
 * worker does the drawing; this only shows the bitmaps it sends back.
 */
export function HeatLayer({ widthM, heightM, events, radiusM = DEFAULT_RADIUS_M }: HeatLayerProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const client = useRef<HeatClient | null>(null);
  const packed = useMemo(() => packEvents(events), [events]);

  useEffect(() => {
    const c = new HeatClient((frame) => {
      const el = canvas.current;
      if (!el) return frame.bitmap.close();
      if (el.width !== frame.cols) el.width = frame.cols;
      if (el.height !== frame.rows) el.height = frame.rows;
      const ctx = el.getContext('bitmaprenderer');
      if (ctx) ctx.transferFromImageBitmap(frame.bitmap);
      else frame.bitmap.close();
      el.dataset.seq = String(frame.seq);
      el.dataset.ms = frame.ms.toFixed(2);
    });
    client.current = c;
    return () => {
      c.dispose();
      client.current = null;
    };
  }, []);

  useEffect(() => {
    client.current?.configure(widthM, heightM, radiusM);
  }, [widthM, heightM, radiusM]);

  useEffect(() => {
    client.current?.show(packed);
    // configure resets what the worker holds, so re-send after a re-configure too
  }, [packed, widthM, heightM, radiusM]);

  return (
    <foreignObject x={0} y={0} width={widthM} height={heightM} className="heatlayer" pointerEvents="none">
      <canvas ref={canvas} className="heatlayer__canvas" data-events={events.length} />
    </foreignObject>
  );
}
