import type { Playback } from '../../../shared/media/sources';
import type { SiteFile } from '../../../shared/site/schema';
import type { CameraView, FloorView, SiteView } from '../../../shared/site/view';
import type { StreamSource } from '../../../shared/site/streams';
import { demoPlaylistPath } from '../media/simulator';

/** Resolves what the renderer needs: plan image URLs, playable stream URLs. */
export function buildSiteView(site: SiteFile): SiteView {
  const floors: FloorView[] = site.floors.map((floor) => ({
    ...floor,
    imageUrl: `site-assets/${floor.plan.image.split('/').map(encodeURIComponent).join('/')}`,
    widthM: floor.plan.widthPx * floor.plan.metresPerPixel,
    heightM: floor.plan.heightPx * floor.plan.metresPerPixel,
  }));
  const cameras: CameraView[] = site.cameras.map((camera) => ({
    ...camera,
    playback: {
      main: playbackOf(camera.id, 'main', camera.streams.main),
      sub: playbackOf(camera.id, 'sub', camera.streams.sub),
    },
  }));
  return { ...site, floors, cameras };
}

function playbackOf(cameraId: string, stream: 'main' | 'sub', source: StreamSource): Playback {
  switch (source.kind) {
    case 'hls':
      return { kind: 'hls', url: source.url };
    case 'demo':
      return { kind: 'hls', url: demoPlaylistPath(cameraId, stream) };
    case 'mediasoup':
      return { kind: 'mediasoup', sfu: source.sfu, producerId: source.producerId };
  }
}
