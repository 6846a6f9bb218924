import { afterEach, describe, expect, it } from 'vitest';
import { Device, FakeHandler, testFakeParameters } from 'mediasoup-client';
import type { ConsumerState } from '../../../renderer/features/video/webrtc/consumerMachine';
import { SfuSession, type SfuSessionDeps } from '../../../renderer/features/video/webrtc/sfuSession';
import { SfuRequestError, SfuSignaling } from '../../../renderer/features/video/webrtc/sfuSignaling';
import { parseRequestFrame, parseServerFrame } from '../../../shared/media/sfuProtocol';
import { waitFor } from '../../support/relayRig';
import { FakeSfu, nodeSocket } from './fakeSfu';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function deps(overrides: Partial<SfuSessionDeps> = {}): SfuSessionDeps {
  return {
    socket: nodeSocket,
    // mediasoup-client's own test handler: real Device/Transport/Consumer logic, no browser.
    device: () => new Device({ handlerFactory: FakeHandler.createFactory(testFakeParameters) }),
    now: () => Date.now(),
    random: () => 0.5,
    lingerMs: 200,
    warn: () => undefined,
    ...overrides,
  };
}

interface Tile {
  states: ConsumerState['phase'][];
  track: MediaStreamTrack | undefined;
  last(): ConsumerState['phase'] | undefined;
}

function tile(): Tile & { listener: { onTrack(t: MediaStreamTrack | undefined): void; onState(s: ConsumerState): void } } {
  const t: Tile = {
    states: [],
    track: undefined,
    last: () => t.states[t.states.length - 1],
  };
  return Object.assign(t, {
    listener: {
      onTrack: (track: MediaStreamTrack | undefined) => {
        t.track = track;
      },
      onState: (s: ConsumerState) => {
        t.states.push(s.phase);
      },
    },
  });
}

async function setup(d = deps()) {
  const sfu = await FakeSfu.start();
  const session = new SfuSession(sfu.url, d);
  cleanups.push(() => sfu.close());
  cleanups.push(() => session.dispose());
  return { sfu, session };
}

describe('SFU signaling', () => {
  it('matches responses by id, checks them against the schema, and names the field of a bad request', async () => {
    const sfu = await FakeSfu.start();
    cleanups.push(() => sfu.close());
    const sig = new SfuSignaling(nodeSocket(sfu.url));
    cleanups.push(() => sig.close());
    const [caps, transport] = await Promise.all([
      sig.request('getRouterRtpCapabilities', {}),
      sig.request('createRecvTransport', { rtpCapabilities: {} }),
    ]);
    expect(caps.rtpCapabilities.codecs?.length).toBeGreaterThan(0);
    expect(transport.iceCandidates.length).toBeGreaterThan(0);
    // An unknown transport answers with a coded error; a missing field names its path.
    const bad = sig.request('consume', { transportId: 'x', consumers: [{ producerId: '' }] });
    await expect(bad).rejects.toMatchObject({ code: 'bad-request' });
    await expect(bad).rejects.toThrow(/consumers\.0\.producerId/);
  });

  it('fails pending requests with `closed` when the socket drops, and says why for malformed frames', async () => {
    const sfu = await FakeSfu.start();
    cleanups.push(() => sfu.close());
    const warnings: string[] = [];
    const sig = new SfuSignaling(nodeSocket(sfu.url), 10_000, (m) => warnings.push(m));
    await sig.request('getRouterRtpCapabilities', {});
    sfu.sendRaw('{"notification":"producerClosed","data":{}}');
    await waitFor(() => warnings.length > 0, 2000, 'a warning');
    expect(warnings[0]).toMatch(/producerClosed\.data\.producerId/);
    sfu.dropConnections();
    await waitFor(() => sig.isClosed, 2000, 'closed');
    await expect(sig.request('getRouterRtpCapabilities', {})).rejects.toBeInstanceOf(SfuRequestError);
  });

  it('parses frames without throwing', () => {
    expect(parseServerFrame('nope')).toEqual({ kind: 'invalid', message: 'frame is not JSON' });
    expect(parseRequestFrame('{"id":1,"method":"fly","data":{}}')).toMatchObject({ ok: false, id: 1, error: { code: 'unknown-method' } });
    expect(parseRequestFrame('{"id":2,"method":"pauseConsumers","data":{"consumerIds":[]}}')).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringMatching(/^data\.consumerIds/) },
    });
  });
});

describe('SFU session (mediasoup-client FakeHandler)', () => {
  it('one transport for all tiles; consumes made in the same task go out as ONE batch; visible ones resumed', async () => {
    const { sfu, session } = await setup();
    const tiles = [tile(), tile(), tile()];
    tiles.forEach((t, i) => session.acquire(`cam-${i + 1}`, t.listener, i !== 2));
    await waitFor(() => tiles.every((t) => t.last() === 'live' || t.last() === 'paused'), 5000, 'consumed');
    expect(sfu.count('createRecvTransport')).toBe(1);
    expect(sfu.count('consume')).toBe(1);
    expect(session.consumeBatches).toBe(1);
    expect((sfu.requests.find((r) => r.method === 'consume')?.data.consumers as unknown[]).length).toBe(3);
    expect(tiles.map((t) => t.last())).toEqual(['live', 'live', 'paused']);
    expect(tiles.every((t) => t.track?.kind === 'video')).toBe(true);
    await waitFor(() => sfu.paused.size === 1, 2000, 'two resumed');
    expect(sfu.count('resumeConsumers')).toBe(1);
    // Another tile later: same transport, a second batch.
    const late = tile();
    session.acquire('cam-3', late.listener, true);
    await waitFor(() => late.last() === 'live', 2000, 'shared consumer resumed');
    expect(sfu.count('consume')).toBe(1);
    expect(sfu.count('createRecvTransport')).toBe(1);
  });

  it('hiding a tile pauses its consumer on the server; showing resumes it; no close, no re-consume', async () => {
    const { sfu, session } = await setup();
    const t = tile();
    const h = session.acquire('cam-1', t.listener, true);
    await waitFor(() => t.last() === 'live' && sfu.paused.size === 0, 5000, 'live');
    h.setVisible(false);
    await waitFor(() => sfu.paused.size === 1, 2000, 'paused on the server');
    h.setVisible(true);
    await waitFor(() => sfu.paused.size === 0, 2000, 'resumed on the server');
    expect(sfu.count('consume')).toBe(1);
    expect(sfu.count('closeConsumers')).toBe(0);
    // Released: paused at once, closed only after the linger (a layout switch would reuse it).
    h.release();
    await waitFor(() => sfu.paused.size === 1, 2000, 'paused when released');
    const again = tile();
    session.acquire('cam-1', again.listener, true);
    await waitFor(() => again.last() === 'live' && sfu.paused.size === 0, 2000, 'reused');
    expect(sfu.count('consume')).toBe(1);
  });

  it('a released producer nobody wants is closed on the server after the linger', async () => {
    const { sfu, session } = await setup();
    const t = tile();
    const h = session.acquire('cam-2', t.listener, true);
    await waitFor(() => t.last() === 'live', 5000, 'live');
    h.release();
    await waitFor(() => sfu.count('closeConsumers') === 1, 3000, 'closed');
    expect(sfu.consumers.size).toBe(0);
    expect(session.producerIds).toEqual([]);
  });

  it('a stall closes the consumer and re-consumes with backoff; producerClosed → NO SIGNAL; producerResumed → back at once', async () => {
    const { sfu, session } = await setup();
    const t = tile();
    const h = session.acquire('cam-1', t.listener, true);
    await waitFor(() => t.last() === 'live', 5000, 'live');
    h.reportStall(3);
    expect(t.last()).toBe('failed');
    expect(t.track).toBeUndefined();
    await waitFor(() => sfu.count('closeConsumers') === 1, 2000, 'closed');
    await waitFor(() => t.last() === 'live' && sfu.count('consume') === 2, 3000, 're-consumed after ~1 s');
    expect(t.track?.kind).toBe('video');

    sfu.producers.delete('cam-1');
    sfu.notify('producerClosed', { producerId: 'cam-1' });
    await waitFor(() => t.last() === 'failed', 2000, 'failed');
    // Retries meanwhile answer unknown-producer and back off further.
    sfu.producers.add('cam-1');
    sfu.notify('producerResumed', { producerId: 'cam-1' });
    await waitFor(() => t.last() === 'live', 2000, 'back');
  });

  it('an unknown producer fails only its own item in the batch', async () => {
    const { sfu, session } = await setup();
    const good = tile();
    const bad = tile();
    session.acquire('cam-1', good.listener, true);
    session.acquire('nope', bad.listener, true);
    await waitFor(() => good.last() === 'live' && bad.last() === 'failed', 5000, 'settled');
    expect(sfu.count('consume')).toBe(1);
  });

  it('losing the signaling socket fails every tile, and they come back over a new transport', async () => {
    const { sfu, session } = await setup();
    const a = tile();
    const b = tile();
    session.acquire('cam-1', a.listener, true);
    session.acquire('cam-2', b.listener, false);
    await waitFor(() => a.last() === 'live' && b.last() === 'paused', 5000, 'up');
    sfu.dropConnections();
    await waitFor(() => a.last() === 'failed' && b.last() === 'failed', 2000, 'failed');
    await waitFor(() => a.last() === 'live' && b.last() === 'paused', 5000, 'recovered');
    expect(sfu.count('createRecvTransport')).toBe(2);
  });

  it('preferred layers: the largest wish of the visible tiles, sent only for simulcast consumers and only on change', async () => {
    const { sfu, session } = await setup();
    sfu.simulcast.add('cam-1');
    const small = tile();
    const big = tile();
    const plain = tile();
    const hs = session.acquire('cam-1', small.listener, true);
    const hp = session.acquire('cam-2', plain.listener, true);
    hs.setPreferredSpatialLayer(0);
    hp.setPreferredSpatialLayer(0);
    await waitFor(() => small.last() === 'live' && plain.last() === 'live', 5000, 'live');
    await waitFor(() => sfu.count('setPreferredLayers') === 1, 2000, 'layer 0 asked');
    const layers = () => sfu.requests.filter((r) => r.method === 'setPreferredLayers').map((r) => r.data.spatialLayer);
    expect(layers()).toEqual([0]);
    // A spotlight tile on the same producer raises it; hiding the spotlight lowers it again.
    const hb = session.acquire('cam-1', big.listener, true);
    hb.setPreferredSpatialLayer(2);
    await waitFor(() => layers().length === 2, 2000, 'layer 2 asked');
    hb.setVisible(false);
    await waitFor(() => layers().length === 3, 2000, 'layer 0 again');
    expect(layers()).toEqual([0, 2, 0]);
    // Asking again for the layer already asked sends nothing: the next request that does go out
    // (the spotlight shown again) follows directly on the last, on the same ordered socket.
    hs.setPreferredSpatialLayer(0);
    hb.setVisible(true);
    await waitFor(() => layers().length >= 4, 2000, 'layer 2 again');
    expect(layers()).toEqual([0, 2, 0, 2]);
  });
});
