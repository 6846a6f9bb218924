import type { AddressInfo } from 'node:net';
import { testFakeParameters } from 'mediasoup-client';
import { WebSocket, WebSocketServer } from 'ws';
import { parseRequestFrame, type SfuMethod } from '../../../shared/media/sfuProtocol';
import type { SignalingSocket } from '../../../renderer/features/video/webrtc/sfuSignaling';
import { wsText } from '../../support/wsText';

/**
 * A signaling server on 127.0.0.1 that speaks the SFU protocol with
 * mediasoup-client's own fake parameters (no media): it records every request
 * so tests can check batching, pausing and closing.
 */
export class FakeSfu {
  readonly requests: { method: SfuMethod; data: Record<string, unknown> }[] = [];
  readonly paused = new Set<string>();
  readonly consumers = new Map<string, string>();
  /** Producers that exist; consuming anything else answers `unknown-producer`. */
  readonly producers = new Set<string>(['cam-1', 'cam-2', 'cam-3']);
  /** Producers sent as three simulcast layers (consumer encodings carry S3T3). */
  readonly simulcast = new Set<string>();
  /** Delay before each answer, to model a SFU some network distance away. */
  latencyMs = 0;
  private nextConsumer = 1;
  private readonly sockets = new Set<WebSocket>();

  private constructor(private readonly wss: WebSocketServer) {
    wss.on('connection', (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (raw) => this.onMessage(ws, wsText(raw)));
    });
  }

  static async start(): Promise<FakeSfu> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    return new FakeSfu(wss);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  count(method: SfuMethod): number {
    return this.requests.filter((r) => r.method === method).length;
  }

  notify(notification: string, data: Record<string, unknown>): void {
    for (const ws of this.sockets) ws.send(JSON.stringify({ notification, data }));
  }

  /** Drops every signaling connection, as a restarting SFU would. */
  dropConnections(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  sendRaw(text: string): void {
    for (const ws of this.sockets) ws.send(text);
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onMessage(ws: WebSocket, text: string): void {
    const req = parseRequestFrame(text);
    if (!req.ok) {
      ws.send(JSON.stringify({ id: req.id ?? 0, ok: false, error: req.error }));
      return;
    }
    const data = req.data as Record<string, unknown>;
    this.requests.push({ method: req.method, data });
    const reply = (body: unknown): void => {
      const text = JSON.stringify({ id: req.id, ok: true, data: body });
      if (this.latencyMs > 0) setTimeout(() => ws.send(text), this.latencyMs);
      else ws.send(text);
    };
    switch (req.method) {
      case 'getRouterRtpCapabilities':
        return reply({ rtpCapabilities: testFakeParameters.generateRouterRtpCapabilities() });
      case 'createRecvTransport': {
        const t = testFakeParameters.generateTransportRemoteParameters();
        return reply({ id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters });
      }
      case 'connectTransport':
        return reply({});
      case 'consume': {
        const items = (data.consumers as { producerId: string }[]).map((c) => {
          if (!this.producers.has(c.producerId)) {
            return { producerId: c.producerId, error: { code: 'unknown-producer', message: `no producer ${c.producerId}` } };
          }
          const consumerId = `consumer-${this.nextConsumer++}`;
          const p = testFakeParameters.generateConsumerRemoteParameters({ id: consumerId, codecMimeType: 'video/VP8' });
          this.consumers.set(consumerId, c.producerId);
          this.paused.add(consumerId);
          const rtpParameters = this.simulcast.has(c.producerId)
            ? { ...p.rtpParameters, encodings: [{ ssrc: 1111 + this.nextConsumer, scalabilityMode: 'S3T3' }] }
            : p.rtpParameters;
          return { producerId: c.producerId, consumerId, kind: p.kind, rtpParameters };
        });
        return reply({ consumers: items });
      }
      case 'resumeConsumers':
        for (const id of data.consumerIds as string[]) this.paused.delete(id);
        return reply({});
      case 'pauseConsumers':
        for (const id of data.consumerIds as string[]) this.paused.add(id);
        return reply({});
      case 'closeConsumers':
        for (const id of data.consumerIds as string[]) {
          this.consumers.delete(id);
          this.paused.delete(id);
        }
        return reply({});
      case 'setPreferredLayers':
        return reply({});
    }
  }
}

/** The `ws` client as the session's socket (the browser uses browserSocket). */
export function nodeSocket(url: string): SignalingSocket {
  const ws = new WebSocket(url);
  return {
    send: (text) => ws.send(text),
    close: () => ws.close(),
    listen: (h) => {
      ws.on('open', () => h.open());
      ws.on('message', (raw) => h.message(wsText(raw)));
      ws.on('close', (code) => h.close(`signaling closed (code ${code})`));
      ws.on('error', () => undefined);
    },
  };
}
