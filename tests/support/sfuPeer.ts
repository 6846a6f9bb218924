import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { RTCPeerConnection, RTCRtpCodecParameters, type RTCRtpSender } from 'werift';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseRequestFrame, type SfuMethod, type SfuRequest } from '../../shared/media/sfuProtocol';
import { repoRoot, tempDir } from './paths';
import { wsText } from './wsText';

/**
 * A real WebRTC peer on loopback that speaks the console's SFU signaling
 * protocol (shared/media/sfuProtocol.ts) and looks like mediasoup to
 * mediasoup-client: ICE-lite, DTLS-SRTP, one receive transport per request,
 * consumers created paused, paused/resumed on the server.
 *
 * Built on werift (TypeScript WebRTC). Media: each producer is an ffmpeg child
 * looping a demo clip (H.264 copied, no re-encode) to a UDP port as RTP; the
 * peer forwards those packets into the werift sender of every live consumer,
 * which rewrites SSRC, payload type and sequence numbers and SRTP-protects them.
 *
 * Why werift must be ICE-lite here: mediasoup-client never tells the server its
 * ICE credentials (connectTransport carries only DTLS parameters). A lite agent
 * only answers the browser's checks, signing them with its own password, which
 * is exactly what mediasoup does. werift still wants a remote description, so
 * the peer writes an answer SDP itself from the client's DTLS fingerprint and
 * role, with placeholder ICE credentials it never uses.
 *
 * This is a test tool (it needs ffmpeg, which users' machines do not have), so
 * it lives in tests/support; the console itself only ever consumes.
 */

/** H.264 as the demo clips are encoded (Main profile, level 3.1, no B-frames). */
const H264 = {
  payloadType: 102,
  clockRate: 90000,
  parameters: { 'level-asymmetry-allowed': 1, 'packetization-mode': 1, 'profile-level-id': '4d001f' },
  rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
};
const fmtp = Object.entries(H264.parameters)
  .map(([k, v]) => `${k}=${v}`)
  .join(';');
/** Senders made per transport up front; each consumer takes a fresh one (fresh SSRC). */
const SENDERS_PER_TRANSPORT = 24;

export interface SfuPeerOptions {
  /** producerId → demo clip folder (init.mp4 + seg-*.m4s), e.g. resources/demo-site/clips/gate/sub. */
  readonly producers: Readonly<Record<string, string>>;
  /** Fixed signaling port (a restart must come back on the same URL); 0 picks one. */
  readonly port?: number;
}

interface Source {
  readonly producerId: string;
  readonly socket: Socket;
  readonly ffmpeg: ChildProcess;
  packets: number;
  closed: boolean;
}

interface Transport {
  readonly id: string;
  readonly pc: RTCPeerConnection;
  readonly senders: RTCRtpSender[];
  readonly mids: string[];
  nextSender: number;
  connected: boolean;
}

interface Consumer {
  readonly id: string;
  readonly producerId: string;
  readonly transport: Transport;
  readonly sender: RTCRtpSender;
  paused: boolean;
  sent: number;
}

interface Connection {
  readonly ws: WebSocket;
  readonly transports: Map<string, Transport>;
  readonly consumers: Map<string, Consumer>;
}

export class SfuPeer {
  private readonly sources = new Map<string, Source>();
  private readonly connections = new Set<Connection>();
  /** Producers whose camera went silent: the SFU keeps every socket up but forwards nothing. */
  private readonly silenced = new Set<string>();
  private nextId = 1;
  /** Requests received, by method (tests check batching). */
  readonly requestCounts = new Map<SfuMethod, number>();
  /** Largest consume batch seen. */
  maxBatch = 0;

  private constructor(private readonly wss: WebSocketServer) {
    wss.on('connection', (ws) => this.onConnection(ws));
  }

  static async start(options: SfuPeerOptions): Promise<SfuPeer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0 });
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', () => resolve());
      wss.once('error', reject);
    });
    const peer = new SfuPeer(wss);
    for (const [producerId, clip] of Object.entries(options.producers)) await peer.startSource(producerId, clip);
    return peer;
  }

  get port(): number {
    return (this.wss.address() as AddressInfo).port;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** RTP packets forwarded to consumers so far, per producer. */
  sentPackets(producerId: string): number {
    let n = 0;
    for (const c of this.connections) for (const con of c.consumers.values()) if (con.producerId === producerId) n += con.sent;
    return n;
  }

  /** Consumers currently paused / live on the server. */
  consumerStates(): { id: string; producerId: string; paused: boolean }[] {
    const out: { id: string; producerId: string; paused: boolean }[] = [];
    for (const c of this.connections) for (const con of c.consumers.values()) out.push({ id: con.id, producerId: con.producerId, paused: con.paused });
    return out;
  }

  /**
   * The camera behind a producer goes silent while signaling, ICE and DTLS stay
   * healthy: the frozen-tile case only a media-progress watchdog catches.
   */
  silence(producerId: string, silent: boolean): void {
    if (silent) this.silenced.add(producerId);
    else this.silenced.delete(producerId);
  }

  /** Kills everything at once, as a crashed SFU would: sockets, peer connections, ffmpeg. */
  async stop(): Promise<void> {
    for (const c of this.connections) this.dropConnection(c);
    for (const ws of this.wss.clients) ws.terminate();
    for (const s of this.sources.values()) {
      s.closed = true;
      s.ffmpeg.kill('SIGKILL');
      s.socket.close();
    }
    this.sources.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private async startSource(producerId: string, clipDir: string): Promise<void> {
    const file = joinClip(clipDir);
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    const port = socket.address().port;
    // -re paces like a camera; the bitstream filter puts SPS/PPS in band before every key frame.
    const ffmpeg = spawn(
      'ffmpeg',
      ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'concat', '-safe', '0', '-i', file, '-an', '-c:v', 'copy', '-bsf:v', 'h264_mp4toannexb',
        '-f', 'rtp', '-payload_type', String(H264.payloadType), `rtp://127.0.0.1:${port}?pkt_size=1200`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    ffmpeg.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    const source: Source = { producerId, socket, ffmpeg, packets: 0, closed: false };
    ffmpeg.on('exit', (code) => {
      if (!source.closed) process.stderr.write(`[sfuPeer] ffmpeg for ${producerId} exited ${code}: ${stderr}\n`);
    });
    socket.on('message', (packet) => {
      source.packets += 1;
      this.forward(producerId, packet);
    });
    this.sources.set(producerId, source);
  }

  private forward(producerId: string, packet: Buffer): void {
    if (this.silenced.has(producerId)) return;
    for (const c of this.connections) {
      for (const consumer of c.consumers.values()) {
        if (consumer.producerId !== producerId || consumer.paused || !consumer.transport.connected) continue;
        consumer.sent += 1;
        consumer.sender.sendRtp(packet).catch(() => undefined);
      }
    }
  }

  private onConnection(ws: WebSocket): void {
    const conn: Connection = { ws, transports: new Map(), consumers: new Map() };
    this.connections.add(conn);
    ws.on('message', (raw) => void this.onMessage(conn, wsText(raw)));
    ws.on('close', () => this.dropConnection(conn));
  }

  private dropConnection(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    for (const t of conn.transports.values()) void t.pc.close();
    conn.consumers.clear();
    conn.transports.clear();
  }

  private async onMessage(conn: Connection, text: string): Promise<void> {
    const req = parseRequestFrame(text);
    if (!req.ok) {
      conn.ws.send(JSON.stringify({ id: req.id ?? 0, ok: false, error: req.error }));
      return;
    }
    this.requestCounts.set(req.method, (this.requestCounts.get(req.method) ?? 0) + 1);
    try {
      const data = await this.handle(conn, req.method, req.data);
      conn.ws.send(JSON.stringify({ id: req.id, ok: true, data }));
    } catch (err) {
      const code = err instanceof PeerError ? err.code : 'internal';
      conn.ws.send(JSON.stringify({ id: req.id, ok: false, error: { code, message: err instanceof Error ? err.message : String(err) } }));
    }
  }

  private async handle(conn: Connection, method: SfuMethod, data: unknown): Promise<unknown> {
    switch (method) {
      case 'getRouterRtpCapabilities':
        return {
          rtpCapabilities: {
            codecs: [
              {
                kind: 'video',
                mimeType: 'video/H264',
                preferredPayloadType: H264.payloadType,
                clockRate: H264.clockRate,
                parameters: H264.parameters,
                rtcpFeedback: H264.rtcpFeedback,
              },
            ],
            headerExtensions: [],
          },
        };
      case 'createRecvTransport':
        return this.createTransport(conn);
      case 'connectTransport':
        return this.connectTransport(conn, data as SfuRequest<'connectTransport'>);
      case 'consume':
        return this.consume(conn, data as SfuRequest<'consume'>);
      case 'resumeConsumers':
      case 'pauseConsumers': {
        for (const id of (data as SfuRequest<'pauseConsumers'>).consumerIds) {
          const c = conn.consumers.get(id);
          if (!c) throw new PeerError('unknown-consumer', `no consumer ${id}`);
          c.paused = method === 'pauseConsumers';
        }
        return {};
      }
      case 'closeConsumers':
        for (const id of (data as SfuRequest<'closeConsumers'>).consumerIds) conn.consumers.delete(id);
        return {};
      case 'setPreferredLayers': {
        const { consumerId } = data as SfuRequest<'setPreferredLayers'>;
        // One layer only (no simulcast in the demo clips): accepted, nothing to switch.
        if (!conn.consumers.has(consumerId)) throw new PeerError('unknown-consumer', `no consumer ${consumerId}`);
        return {};
      }
    }
  }

  private async createTransport(conn: Connection): Promise<unknown> {
    const pc = new RTCPeerConnection({
      iceLite: true,
      iceUseIpv6: false,
      iceAdditionalHostAddresses: ['127.0.0.1'],
      codecs: {
        video: [
          new RTCRtpCodecParameters({
            mimeType: 'video/H264',
            clockRate: H264.clockRate,
            payloadType: H264.payloadType,
            rtcpFeedback: H264.rtcpFeedback,
            parameters: fmtp,
          }),
        ],
      },
      headerExtensions: { video: [] },
    });
    const senders: RTCRtpSender[] = [];
    for (let i = 0; i < SENDERS_PER_TRANSPORT; i++) senders.push(pc.addTransceiver('video', { direction: 'sendonly' }).sender);
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    if (pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const { unSubscribe } = pc.iceGatheringStateChange.subscribe((s) => {
          if (s === 'complete') {
            unSubscribe();
            resolve();
          }
        });
      });
    }
    const sdp = pc.localDescription?.sdp ?? '';
    const ufrag = /a=ice-ufrag:(\S+)/.exec(sdp)?.[1];
    const pwd = /a=ice-pwd:(\S+)/.exec(sdp)?.[1];
    const fingerprint = /a=fingerprint:(\S+) (\S+)/.exec(sdp);
    const mids = [...sdp.matchAll(/a=mid:(\S+)/g)].map((m) => m[1] ?? '');
    const candidates = [...sdp.matchAll(/a=candidate:(\S+) 1 (udp|UDP) (\d+) (127\.0\.0\.1) (\d+) typ host/g)].map((m) => ({
      foundation: m[1] ?? '1',
      priority: Number(m[3]),
      address: m[4] ?? '127.0.0.1',
      ip: m[4] ?? '127.0.0.1',
      protocol: 'udp' as const,
      port: Number(m[5]),
      type: 'host' as const,
    }));
    if (!ufrag || !pwd || !fingerprint || candidates.length === 0) {
      await pc.close();
      throw new PeerError('internal', `werift gave no usable ICE/DTLS parameters:\n${sdp}`);
    }
    const transport: Transport = { id: `transport-${this.nextId++}`, pc, senders, mids, nextSender: 0, connected: false };
    pc.connectionStateChange.subscribe((state) => {
      transport.connected = state === 'connected';
    });
    conn.transports.set(transport.id, transport);
    return {
      id: transport.id,
      iceParameters: { usernameFragment: ufrag, password: pwd, iceLite: true },
      iceCandidates: candidates.slice(0, 1),
      dtlsParameters: { role: 'auto', fingerprints: [{ algorithm: fingerprint[1], value: fingerprint[2] }] },
    };
  }

  private async connectTransport(conn: Connection, req: SfuRequest<'connectTransport'>): Promise<unknown> {
    const t = conn.transports.get(req.transportId);
    if (!t) throw new PeerError('unknown-transport', `no transport ${req.transportId}`);
    const fp = req.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256') ?? req.dtlsParameters.fingerprints[0];
    if (!fp) throw new PeerError('bad-request', 'dtlsParameters.fingerprints: empty');
    // The browser's role decides ours: it is DTLS client (setup:active) unless it says server.
    const setup = req.dtlsParameters.role === 'server' ? 'passive' : 'active';
    const lines = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', `a=group:BUNDLE ${t.mids.join(' ')}`, 'a=msid-semantic: WMS'];
    for (const mid of t.mids) {
      lines.push(
        `m=video 9 UDP/TLS/RTP/SAVPF ${H264.payloadType}`,
        'c=IN IP4 0.0.0.0',
        // Placeholders: a lite agent never sends checks, so never uses them.
        'a=ice-ufrag:unusedufrag',
        'a=ice-pwd:unusedpasswordunusedpassword',
        `a=fingerprint:${fp.algorithm} ${fp.value}`,
        `a=setup:${setup}`,
        `a=mid:${mid}`,
        'a=recvonly',
        'a=rtcp-mux',
        'a=rtcp-rsize',
        `a=rtpmap:${H264.payloadType} H264/${H264.clockRate}`,
        ...H264.rtcpFeedback.map((f) => `a=rtcp-fb:${H264.payloadType} ${f.type}${f.parameter ? ` ${f.parameter}` : ''}`),
        `a=fmtp:${H264.payloadType} ${fmtp}`,
      );
    }
    await t.pc.setRemoteDescription({ type: 'answer', sdp: `${lines.join('\r\n')}\r\n` });
    return {};
  }

  private consume(conn: Connection, req: SfuRequest<'consume'>): unknown {
    const t = conn.transports.get(req.transportId);
    if (!t) throw new PeerError('unknown-transport', `no transport ${req.transportId}`);
    this.maxBatch = Math.max(this.maxBatch, req.consumers.length);
    return {
      consumers: req.consumers.map(({ producerId }) => {
        if (!this.sources.has(producerId)) {
          return { producerId, error: { code: 'unknown-producer', message: `no producer ${producerId}` } };
        }
        const sender = t.senders[t.nextSender];
        if (!sender) return { producerId, error: { code: 'cannot-consume', message: 'transport is out of senders' } };
        t.nextSender += 1;
        const consumer: Consumer = { id: `consumer-${this.nextId++}`, producerId, transport: t, sender, paused: true, sent: 0 };
        conn.consumers.set(consumer.id, consumer);
        return {
          producerId,
          consumerId: consumer.id,
          kind: 'video',
          rtpParameters: {
            mid: `c${consumer.id.replace(/\D/g, '')}`,
            codecs: [
              {
                mimeType: 'video/H264',
                payloadType: H264.payloadType,
                clockRate: H264.clockRate,
                parameters: H264.parameters,
                rtcpFeedback: H264.rtcpFeedback,
              },
            ],
            headerExtensions: [],
            encodings: [{ ssrc: sender.ssrc }],
            rtcp: { cname: `sfu-peer-${producerId}`, reducedSize: true },
          },
        };
      }),
    };
  }
}

class PeerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A concat list that repeats the clip for an hour. `-stream_loop` is not used:
 * with H.264 copied to RTP it stops at the first wrap (the bitstream filter
 * rejects the rewound timestamps, ffmpeg 5.1); the concat demuxer shifts each
 * repeat's timestamps on instead.
 */
function joinClip(clipDir: string): string {
  const segments = readdirSync(clipDir)
    .filter((f) => f.endsWith('.m4s'))
    .sort();
  const parts = [readFileSync(join(clipDir, 'init.mp4')), ...segments.map((s) => readFileSync(join(clipDir, s)))];
  const dir = tempDir('sfu-clip');
  writeFileSync(join(dir, 'fragmented.mp4'), Buffer.concat(parts));
  const remux = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', join(dir, 'fragmented.mp4'), '-c:v', 'copy', join(dir, 'clip.mp4')]);
  if (remux.status !== 0) throw new Error(`ffmpeg could not remux ${clipDir}: ${String(remux.stderr)}`);
  const list = join(dir, 'loop.txt');
  writeFileSync(list, `${"file 'clip.mp4'\n".repeat(450)}`);
  return list;
}

/**
 * A browser page that runs the console's real WebRtcTilePlayer (+ SfuSession,
 * mediasoup-client) on a row of <video> tiles and records each tile's phase,
 * reason, health and presented frames in `window.__tiles`. Config comes from
 * `window.__webrtcHarness` if set, else from the query (?sfu=…&producers=a,b).
 */
const HARNESS_ENTRY = `
import { WebRtcTilePlayer } from './renderer/features/video/webrtc/webRtcTilePlayer';
import { sfuSessionFor } from './renderer/features/video/webrtc/sfuSession';
const params = new URLSearchParams(location.search);
// Inside the console page (host mode) the test hands the config over; on the bare page it is in the query.
const cfg = window.__webrtcHarness ?? { sfu: params.get('sfu'), producers: params.get('producers').split(',') };
const url = cfg.sfu;
const tiles = {};
window.__tiles = tiles;
// Fixed on top: a tile out of view is (rightly) paused on the server.
const wall = document.createElement('div');
wall.style.cssText = 'position:fixed;top:0;left:0;z-index:99999;display:flex;flex-wrap:wrap;width:100vw;gap:4px;background:#000';
document.body.append(wall);
window.__session = () => ({ consumeBatches: sfuSessionFor(url).consumeBatches });
for (const producerId of cfg.producers) {
  const video = document.createElement('video');
  video.id = producerId;
  video.style.width = '320px';
  video.style.height = '180px';
  video.muted = true;
  wall.append(video);
  const rec = { phase: 'connecting', reason: undefined, frames: 0, health: undefined };
  tiles[producerId] = rec;
  // Counted independently of the player: frames the compositor actually presented.
  const tick = () => { rec.frames += 1; video.requestVideoFrameCallback(tick); };
  video.requestVideoFrameCallback(tick);
  const player = new WebRtcTilePlayer(video, { url, producerId }, {
    onPhase: (p) => { rec.phase = p.phase; rec.reason = p.phase === 'no-signal' ? p.reason : undefined; video.dataset.state = p.phase; },
    onHealth: (h) => { rec.health = h; },
  });
  player.start();
}
`;

/** Bundles the harness (esbuild) and serves it with a bare page on 127.0.0.1. */
export async function serveWebRtcHarness(): Promise<{ js: string; server: Server; url: string }> {
  const bundle = await build({
    stdin: { contents: HARNESS_ENTRY, resolveDir: repoRoot, loader: 'ts', sourcefile: 'webrtc-harness.ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]?.text ?? '';
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/harness.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(js);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><html><body><script type="module" src="/harness.js"></script></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { js, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}
