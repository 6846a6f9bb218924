import type { CameraView } from '../../../shared/site/view';
import { VideoTile, type TileStream } from './VideoTile';

export interface VideoGridProps {
  readonly cameras: readonly CameraView[];
  readonly columns: number;
  readonly stream: TileStream;
  readonly showHealth?: boolean;
  readonly onActivate?: (cameraId: string) => void;
}

/** A square grid of tiles; empty cells stay black so the layout never jumps. */
export function VideoGrid({ cameras, columns, stream, showHealth, onActivate }: VideoGridProps) {
  const cells = columns * columns;
  return (
    <div className="grid" style={{ gridTemplateColumns: `repeat(${columns}, 1fr)`, gridTemplateRows: `repeat(${columns}, 1fr)` }}>
      {cameras.slice(0, cells).map((camera) => (
        <VideoTile
          key={camera.id}
          camera={camera}
          stream={stream}
          {...(showHealth !== undefined ? { showHealth } : {})}
          {...(onActivate ? { onActivate } : {})}
        />
      ))}
      {Array.from({ length: Math.max(0, cells - cameras.length) }, (_, i) => (
        <div key={`empty-${i}`} className="tile tile--empty" />
      ))}
    </div>
  );
}
