import { Device, parseScalabilityMode } from 'mediasoup-client';
import type { Consumer, RtpCapabilities, RtpParameters, Transport, TransportOptions } from 'mediasoup-client/types';
import type { SfuNotification } from '../../../../shared/media/sfuProtocol';
import {
  consumerStep,
  initialConsumerState,
  type ConsumerEffect,
  type ConsumerEvent,
  type ConsumerFailure,
  type ConsumerState,
} from './consumerMachine';
import { browserSocket, SfuRequestError, SfuSignaling, type SignalingSocket } from './sfuSignaling';
import { errorText } from '../../../ui/errorText';

/** A tile's view of one producer's consumer. */
export interface ConsumerHandle {
  setVisible(visible: boolean): void;
  /** The tile's watchdog saw no media progress: re-consume with backoff. */
  reportStall(seconds: number): void;
  /** The tile saw media progress (lets the backoff reset after probation). */
  reportProgress(): void;
  /**
   * The highest spatial layer this tile has use for (0 = smallest). Only sent
   * for simulcast/SVC consumers, whenever the wish of the slot's tiles changes.
   */
  setPreferredSpatialLayer(layer: number): void;
  getStats(): Promise<RTCStatsReport | undefined>;
  release(): void;
}

export interface ConsumerListener {
  onTrack(track: MediaStreamTrack | undefined): void;
  onState(state: ConsumerState): void;
}

export interface SfuSessionDeps {
  readonly socket: (url: string) => SignalingSocket;
  readonly device: () => Device;
  readonly now: () => number;
  readonly random: () => number;
  /** How long a producer nobody shows keeps its (server-paused) consumer, for layout churn. */
  readonly lingerMs: number;
  /** Problems that fail no tile (a pause the server refused); tiles judge media, not these. */
  readonly warn: (message: string) => void;
}

export const defaultSessionDeps: SfuSessionDeps = {
  socket: browserSocket,
  device: () => new Device(),
  now: () => Date.now(),
  random: Math.random,
  lingerMs: 30_000,
  warn: () => undefined,
};

interface Slot {
  readonly producerId: string;
  state: ConsumerState;
  consumer: Consumer | undefined;
  readonly listeners: Set<ListenerEntry>;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  lingerTimer: ReturnType<typeof setTimeout> | undefined;
  /** The spatial layer last asked of the server for the current consumer. */
  sentLayer: number | undefined;
}

interface ListenerEntry {
  readonly listener: ConsumerListener;
  visible: boolean;
  layer: number;
}

/** No wish expressed: the best layer there is (the server clamps it). */
const TOP_LAYER = 15;

interface Connection {
  readonly signaling: SfuSignaling;
  readonly transport: Transport;
}

/**
 * One SFU as the wall sees it: ONE signaling socket, ONE mediasoup Device and
 * ONE receive transport for every tile, set up lazily on the first consume.
 * Tiles showing the same producer share its consumer. Consume requests made
 * in the same task go out as one batch; so do pauses and resumes.
 */
export class SfuSession {
  private connection: Promise<Connection> | undefined;
  private readonly slots = new Map<string, Slot>();
  private readonly byConsumerId = new Map<string, Slot>();
  private readonly toConsume = new Set<Slot>();
  private readonly toResume = new Set<string>();
  private readonly toPause = new Set<string>();
  private readonly toClose = new Set<string>();
  private flushQueued = false;
  /** Counts consume batches sent (tests and the health overlay read it). */
  consumeBatches = 0;
  private disposed = false;

  constructor(
    readonly url: string,
    private readonly deps: SfuSessionDeps = defaultSessionDeps,
    private readonly onEmpty: () => void = () => undefined,
  ) {}

  acquire(producerId: string, listener: ConsumerListener, visible: boolean): ConsumerHandle {
    let slot = this.slots.get(producerId);
    if (!slot || slot.state.phase === 'closed') {
      slot = {
        producerId,
        state: initialConsumerState,
        consumer: undefined,
        listeners: new Set(),
        retryTimer: undefined,
        lingerTimer: undefined,
        sentLayer: undefined,
      };
      this.slots.set(producerId, slot);
    }
    clearTimeout(slot.lingerTimer);
    slot.lingerTimer = undefined;
    const entry: ListenerEntry = { listener, visible, layer: TOP_LAYER };
    slot.listeners.add(entry);
    const s = slot;
    this.dispatch(s, { type: 'want', visible: anyVisible(s) });
    if (s.consumer) listener.onTrack(s.consumer.track);
    listener.onState(s.state);
    let released = false;
    return {
      setVisible: (v) => {
        if (released || entry.visible === v) return;
        entry.visible = v;
        this.dispatch(s, { type: 'visible', visible: anyVisible(s) });
        this.syncLayers(s);
      },
      reportStall: (seconds) => {
        if (!released) this.dispatch(s, { type: 'failed', failure: { kind: 'stalled', seconds } });
      },
      setPreferredSpatialLayer: (layer) => {
        if (released || entry.layer === layer) return;
        entry.layer = layer;
        this.syncLayers(s);
      },
      reportProgress: () => {
        if (!released) this.dispatch(s, { type: 'progress' });
      },
      getStats: async () => (s.consumer && !s.consumer.closed ? s.consumer.getStats() : undefined),
      release: () => {
        if (released) return;
        released = true;
        s.listeners.delete(entry);
        if (s.listeners.size > 0) {
          this.dispatch(s, { type: 'visible', visible: anyVisible(s) });
          return;
        }
        // Nobody shows it: pause on the server and keep it a while, so a layout switch reuses it.
        this.dispatch(s, { type: 'visible', visible: false });
        s.lingerTimer = setTimeout(() => this.dropSlot(s), this.deps.lingerMs);
      },
    };
  }

  /** Closes everything: the consumers, the transport and the socket. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const slot of this.slots.values()) {
      clearTimeout(slot.retryTimer);
      clearTimeout(slot.lingerTimer);
      slot.consumer?.close();
    }
    this.slots.clear();
    void this.connection?.then(
      (c) => {
        c.transport.close();
        c.signaling.close();
      },
      () => undefined,
    );
    this.connection = undefined;
  }

  /** The producer ids that currently hold a slot (tests). */
  get producerIds(): string[] {
    return [...this.slots.keys()];
  }

  private dropSlot(slot: Slot): void {
    if (slot.listeners.size > 0) return;
    this.dispatch(slot, { type: 'release' });
    this.slots.delete(slot.producerId);
    if (this.slots.size === 0) this.onEmpty();
  }

  private dispatch(slot: Slot, event: ConsumerEvent): void {
    if (this.disposed) return;
    const { state, effects } = consumerStep(slot.state, event, { now: this.deps.now(), random: this.deps.random() });
    const changed = state !== slot.state;
    slot.state = state;
    for (const effect of effects) this.run(slot, effect);
    if (changed) for (const e of slot.listeners) e.listener.onState(state);
  }

  private run(slot: Slot, effect: ConsumerEffect): void {
    switch (effect.type) {
      case 'consume':
        this.toConsume.add(slot);
        break;
      case 'resume':
        this.toPause.delete(effect.consumerId);
        this.toResume.add(effect.consumerId);
        // Resumed locally too, so the receiver asks for a key frame at once.
        if (slot.consumer?.id === effect.consumerId) slot.consumer.resume();
        break;
      case 'pause':
        this.toResume.delete(effect.consumerId);
        this.toPause.add(effect.consumerId);
        break;
      case 'close':
        this.detachConsumer(slot);
        this.toResume.delete(effect.consumerId);
        this.toPause.delete(effect.consumerId);
        this.toClose.add(effect.consumerId);
        break;
      case 'schedule-retry':
        this.detachConsumer(slot);
        clearTimeout(slot.retryTimer);
        slot.retryTimer = setTimeout(() => this.dispatch(slot, { type: 'retry-due' }), Math.max(0, effect.at - this.deps.now()));
        break;
    }
    this.queueFlush();
  }

  private detachConsumer(slot: Slot): void {
    const consumer = slot.consumer;
    if (!consumer) return;
    slot.consumer = undefined;
    this.byConsumerId.delete(consumer.id);
    consumer.close();
    for (const e of slot.listeners) e.listener.onTrack(undefined);
  }

  /** Asks the server for the largest layer any visible tile of this producer wants (simulcast/SVC only). */
  private syncLayers(slot: Slot): void {
    const consumer = slot.consumer;
    if (!consumer || !hasSpatialLayers(consumer)) return;
    let wanted = -1;
    for (const e of slot.listeners) if (e.visible) wanted = Math.max(wanted, e.layer);
    if (wanted < 0 || wanted === slot.sentLayer) return;
    slot.sentLayer = wanted;
    void this.connect()
      .then((c) => c.signaling.request('setPreferredLayers', { consumerId: consumer.id, spatialLayer: wanted }))
      .catch((err: unknown) => this.deps.warn(`setPreferredLayers failed: ${message(err)}`));
  }

  /** Everything asked for in this task goes out together once the task ends. */
  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const consume = [...this.toConsume];
    const resume = [...this.toResume];
    const pause = [...this.toPause];
    const close = [...this.toClose];
    this.toConsume.clear();
    this.toResume.clear();
    this.toPause.clear();
    this.toClose.clear();
    if (close.length > 0 && this.connection) this.fireAndForget('closeConsumers', close);
    if (pause.length > 0 && this.connection) this.fireAndForget('pauseConsumers', pause);
    if (resume.length > 0) void this.resume(resume);
    if (consume.length > 0) await this.consume(consume);
  }

  private fireAndForget(method: 'closeConsumers' | 'pauseConsumers', consumerIds: string[]): void {
    void this.connect()
      .then((c) => c.signaling.request(method, { consumerIds }))
      .catch((err: unknown) => {
        // A consumer the server already dropped needs no pause or close; anything else shows up in the watchdog.
        this.deps.warn(`${method} failed: ${message(err)}`);
      });
  }

  private async resume(consumerIds: string[]): Promise<void> {
    try {
      const c = await this.connect();
      await c.signaling.request('resumeConsumers', { consumerIds });
    } catch (err) {
      for (const id of consumerIds) {
        const slot = this.byConsumerId.get(id);
        if (slot) this.dispatch(slot, { type: 'failed', failure: { kind: 'error', detail: message(err) } });
      }
    }
  }

  private async consume(slots: Slot[]): Promise<void> {
    let conn: Connection;
    try {
      conn = await this.connect();
    } catch (err) {
      for (const slot of slots) this.dispatch(slot, { type: 'failed', failure: { kind: 'error', detail: message(err) } });
      return;
    }
    let answer;
    try {
      this.consumeBatches += 1;
      answer = await conn.signaling.request('consume', {
        transportId: conn.transport.id,
        consumers: slots.map((s) => ({ producerId: s.producerId })),
      });
    } catch (err) {
      for (const slot of slots) this.dispatch(slot, { type: 'failed', failure: { kind: 'error', detail: message(err) } });
      return;
    }
    // mediasoup-client folds consumes issued together into one SDP renegotiation.
    await Promise.all(
      answer.consumers.map(async (item) => {
        const slot = this.slots.get(item.producerId);
        if (!slot || slot.state.phase !== 'consuming') {
          if ('consumerId' in item) this.toClose.add(item.consumerId);
          return;
        }
        if ('error' in item) {
          this.dispatch(slot, { type: 'failed', failure: failureOf(item.error.code, item.error.message) });
          return;
        }
        try {
          const consumer = await conn.transport.consume({
            id: item.consumerId,
            producerId: item.producerId,
            kind: item.kind,
            rtpParameters: item.rtpParameters as RtpParameters,
          });
          if (slot.state.phase !== 'consuming') {
            consumer.close();
            this.toClose.add(item.consumerId);
            return;
          }
          slot.consumer = consumer;
          this.byConsumerId.set(consumer.id, slot);
          consumer.on('transportclose', () => this.dispatch(slot, { type: 'failed', failure: { kind: 'error', detail: 'transport closed' } }));
          for (const e of slot.listeners) e.listener.onTrack(consumer.track);
          slot.sentLayer = undefined;
          this.dispatch(slot, { type: 'consumed', consumerId: consumer.id });
          this.syncLayers(slot);
        } catch (err) {
          this.toClose.add(item.consumerId);
          this.dispatch(slot, { type: 'failed', failure: { kind: 'error', detail: message(err) } });
        }
      }),
    );
    this.queueFlush();
  }

  /** The signaling socket, device and receive transport, made once and remade after a loss. */
  private connect(): Promise<Connection> {
    if (!this.connection) {
      const attempt = this.open();
      this.connection = attempt;
      attempt.catch(() => {
        if (this.connection === attempt) this.connection = undefined;
      });
    }
    return this.connection;
  }

  private async open(): Promise<Connection> {
    const signaling = new SfuSignaling(this.deps.socket(this.url), undefined, this.deps.warn);
    try {
      const { rtpCapabilities } = await signaling.request('getRouterRtpCapabilities', {});
      const device = this.deps.device();
      await device.load({ routerRtpCapabilities: rtpCapabilities as RtpCapabilities });
      const params = await signaling.request('createRecvTransport', { rtpCapabilities: device.recvRtpCapabilities });
      const transport = device.createRecvTransport(params as TransportOptions);
      transport.on('connect', ({ dtlsParameters }, callback, errback) => {
        signaling
          .request('connectTransport', { transportId: transport.id, dtlsParameters })
          .then(() => callback(), (err: unknown) => errback(err instanceof Error ? err : new Error(String(err))));
      });
      const conn: Connection = { signaling, transport };
      transport.on('connectionstatechange', (state) => {
        if (state === 'failed' || state === 'closed') this.lose(conn, `transport ${state}`);
      });
      signaling.onClose((reason) => this.lose(conn, reason));
      signaling.onNotification((n) => this.onNotification(n));
      if (signaling.isClosed) throw new SfuRequestError('closed', 'signaling closed during set-up');
      return conn;
    } catch (err) {
      signaling.close();
      throw err;
    }
  }

  /** The socket or transport is gone: every consumer fails and re-consumes over a new connection. */
  private lose(conn: Connection, reason: string): void {
    void this.connection?.then((current) => {
      if (current !== conn) return;
      this.connection = undefined;
      conn.signaling.close();
      if (!conn.transport.closed) conn.transport.close();
      for (const slot of this.slots.values()) {
        if (slot.state.phase !== 'idle' && slot.state.phase !== 'closed' && slot.state.phase !== 'failed') {
          this.dispatch(slot, { type: 'failed', failure: { kind: 'error', detail: reason } });
        }
      }
    }, () => undefined);
  }

  private onNotification(n: SfuNotification): void {
    switch (n.notification) {
      case 'consumerClosed': {
        const slot = this.byConsumerId.get(n.data.consumerId);
        if (slot) this.dispatch(slot, { type: 'failed', failure: { kind: 'consumer-closed', detail: n.data.reason ?? '' } });
        break;
      }
      case 'producerClosed': {
        const slot = this.slots.get(n.data.producerId);
        if (slot) this.dispatch(slot, { type: 'failed', failure: { kind: 'producer-closed' } });
        break;
      }
      case 'producerResumed': {
        const slot = this.slots.get(n.data.producerId);
        if (slot) this.dispatch(slot, { type: 'producer-resumed' });
        break;
      }
    }
  }
}

function anyVisible(slot: Slot): boolean {
  for (const e of slot.listeners) if (e.visible) return true;
  return false;
}

function hasSpatialLayers(consumer: Consumer): boolean {
  const encodings = consumer.rtpParameters.encodings ?? [];
  return encodings.length > 1 || parseScalabilityMode(encodings[0]?.scalabilityMode).spatialLayers > 1;
}

function failureOf(code: string, detail: string): ConsumerFailure {
  return code === 'unknown-producer' ? { kind: 'producer-closed' } : { kind: 'error', detail: `${code}: ${detail}` };
}

function message(err: unknown): string {
  return errorText(err);
}

const sessions = new Map<string, SfuSession>();

/** The page-wide session for one SFU URL (one transport for all tiles). */
export function sfuSessionFor(url: string, deps: SfuSessionDeps = defaultSessionDeps): SfuSession {
  let session = sessions.get(url);
  if (!session) {
    const created: SfuSession = new SfuSession(url, deps, () => {
      sessions.delete(url);
      created.dispose();
    });
    session = created;
    sessions.set(url, session);
  }
  return session;
}
