import type { CSSProperties } from 'react';

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

function maskStyle(m: Rect): CSSProperties {
  return { left: `${m.x * 100}%`, top: `${m.y * 100}%`, width: `${m.w * 100}%`, height: `${m.h * 100}%` };
}

/** A camera's privacy masks over the picture (not the letterbox); lifted ones drawn as outlines. */
export function TileMasks(props: { masks: readonly Rect[]; lifted: ReadonlySet<number> | undefined; picture: { left: number; top: number; width: number; height: number } }) {
  const { masks, lifted, picture } = props;
  if (masks.length === 0) return null;
  return (
    <div className="tile__masks" style={{ left: picture.left, top: picture.top, width: picture.width, height: picture.height }}>
      {masks.map((m, i) =>
        lifted?.has(i) ? <div key={i} className="tile__mask tile__mask--lifted" data-mask={i} style={maskStyle(m)} /> : <div key={i} className="tile__mask" data-mask={i} style={maskStyle(m)} />,
      )}
    </div>
  );
}
