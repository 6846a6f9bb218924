import { describe, expect, it } from 'vitest';
import { sfuUrlOf, spatialLayerFor, WebRtcTilePlayer } from '../../../renderer/features/video/webrtc/webRtcTilePlayer';
import type { TilePhase } from '../../../renderer/features/video/tileState';

describe('WebRtcTilePlayer helpers', () => {
  it('resolves the SFU of a playback from the site list', () => {
    const sfus = [{ id: 'sfu-1', url: 'ws://127.0.0.1:4443' }];
    expect(sfuUrlOf(sfus, 'sfu-1')).toBe('ws://127.0.0.1:4443');
    expect(sfuUrlOf(sfus, 'sfu-2')).toBeUndefined();
  });

  it('small tiles ask for the smallest simulcast layer, spotlight for the best', () => {
    expect(spatialLayerFor(180)).toBe(0);
    expect(spatialLayerFor(360)).toBe(1);
    expect(spatialLayerFor(1080)).toBe(15);
  });

  it('without WebRTC the tile says so instead of staying blank', () => {
    const phases: TilePhase[] = [];
    // Under Node there is no RTCPeerConnection: the same path a locked-down browser takes.
    const player = new WebRtcTilePlayer({} as HTMLVideoElement, { url: 'ws://127.0.0.1:1', producerId: 'p' }, {
      onPhase: (p) => phases.push(p),
      onHealth: () => undefined,
    });
    player.start();
    player.destroy();
    expect(phases).toEqual([{ phase: 'no-signal', reason: { kind: 'unsupported', detail: 'no WebRTC' }, retryAt: undefined }]);
  });
});
