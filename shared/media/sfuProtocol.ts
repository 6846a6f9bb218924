import { z } from 'zod';

/**
 * The console's signaling protocol to a site's mediasoup SFU: JSON text frames
 * over one WebSocket per SFU. See SFU-PROTOCOL.md next to this file.
 *
 * The console only ever receives: one receive transport per SFU carries every
 * tile's consumer. Consumers are created paused (so no media flows before the
 * client has wired the track) and paused again on the server while a tile is
 * hidden, instead of being closed and re-consumed (mediasoup consumers never
 * reclaim closed m-lines, so churn would grow memory forever).
 *
 * The mediasoup parameter shapes (RTP capabilities, ICE, DTLS, RTP parameters)
 * are checked for the fields the client relies on; codec `parameters` and
 * unknown optional fields pass through, as mediasoup adds some between versions.
 */

export const SFU_PROTOCOL_VERSION = 1;

// ---- mediasoup parameter shapes -------------------------------------------

const RtcpFeedbackSchema = z.looseObject({ type: z.string().min(1), parameter: z.string().optional() });

// Values are strings or numbers in practice; mediasoup types them as unknown.
const CodecParametersSchema = z.record(z.string(), z.unknown());

export const RtpCodecCapabilitySchema = z.looseObject({
  kind: z.enum(['audio', 'video']),
  mimeType: z.string().regex(/^(audio|video)\/[\w.-]+$/, 'must be a MIME type like video/VP8'),
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().optional(),
  parameters: CodecParametersSchema.optional(),
  rtcpFeedback: z.array(RtcpFeedbackSchema).optional(),
});

export const RtpHeaderExtensionSchema = z.looseObject({
  kind: z.enum(['audio', 'video']),
  uri: z.string().min(1),
  preferredId: z.number().int().min(1).max(255),
  preferredEncrypt: z.boolean().optional(),
  direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional(),
});

export const RtpCapabilitiesSchema = z.looseObject({
  codecs: z.array(RtpCodecCapabilitySchema).optional(),
  headerExtensions: z.array(RtpHeaderExtensionSchema).optional(),
});
export type SfuRtpCapabilities = z.infer<typeof RtpCapabilitiesSchema>;

export const IceParametersSchema = z.looseObject({
  usernameFragment: z.string().min(1),
  password: z.string().min(1),
  iceLite: z.boolean().optional(),
});

export const IceCandidateSchema = z.looseObject({
  foundation: z.string().min(1),
  priority: z.number().int().nonnegative(),
  address: z.string().min(1),
  ip: z.string().optional(),
  protocol: z.enum(['udp', 'tcp']),
  port: z.number().int().min(1).max(65535),
  type: z.enum(['host', 'srflx', 'prflx', 'relay']),
  tcpType: z.enum(['active', 'passive', 'so']).optional(),
});

export const DtlsParametersSchema = z.looseObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.looseObject({ algorithm: z.string().min(1), value: z.string().regex(/^[0-9A-Fa-f:]+$/, 'must be a hex fingerprint') }))
    .min(1, 'needs at least one fingerprint'),
});

export const RtpParametersSchema = z.looseObject({
  mid: z.string().optional(),
  codecs: z
    .array(
      z.looseObject({
        mimeType: z.string().min(1),
        payloadType: z.number().int().min(0).max(127),
        clockRate: z.number().int().positive(),
        channels: z.number().int().positive().optional(),
        parameters: CodecParametersSchema.optional(),
        rtcpFeedback: z.array(RtcpFeedbackSchema).optional(),
      }),
    )
    .min(1, 'needs at least one codec'),
  headerExtensions: z
    .array(z.looseObject({ uri: z.string().min(1), id: z.number().int().min(1).max(255), encrypt: z.boolean().optional() }))
    .optional(),
  encodings: z
    .array(
      z.looseObject({
        ssrc: z.number().int().nonnegative().optional(),
        rid: z.string().optional(),
        rtx: z.looseObject({ ssrc: z.number().int().nonnegative() }).optional(),
        scalabilityMode: z.string().optional(),
      }),
    )
    .optional(),
  rtcp: z.looseObject({ cname: z.string().optional(), reducedSize: z.boolean().optional() }).optional(),
});

// ---- requests and responses ------------------------------------------------

const Id = z.string().min(1).max(128);
const ConsumerIds = z.strictObject({ consumerIds: z.array(Id).min(1, 'needs at least one consumer id').max(1000) });
const Empty = z.strictObject({});

/**
 * Every method: its request `data` schema and its response `data` schema.
 * The client sends `{ id, method, data }`; the server answers with the same
 * `id`, either `{ id, ok: true, data }` or `{ id, ok: false, error }`.
 */
export const sfuMethods = {
  /** The router's RTP capabilities, for `Device.load`. */
  getRouterRtpCapabilities: {
    request: Empty,
    response: z.strictObject({ rtpCapabilities: RtpCapabilitiesSchema }),
  },
  /**
   * Creates the (single) receive transport of this connection. The client's
   * RTP capabilities are given once here, so the server can pick codecs for
   * every later consume.
   */
  createRecvTransport: {
    request: z.strictObject({ rtpCapabilities: RtpCapabilitiesSchema }),
    response: z.strictObject({
      id: Id,
      iceParameters: IceParametersSchema,
      iceCandidates: z.array(IceCandidateSchema).min(1, 'needs at least one ICE candidate'),
      dtlsParameters: DtlsParametersSchema,
    }),
  },
  /** The client's DTLS role and fingerprints, once its side of the transport exists. */
  connectTransport: {
    request: z.strictObject({ transportId: Id, dtlsParameters: DtlsParametersSchema }),
    response: Empty,
  },
  /**
   * Batched consume. Every consumer is created PAUSED; one bad producer id
   * fails only its own item, never the batch.
   */
  consume: {
    request: z.strictObject({
      transportId: Id,
      consumers: z.array(z.strictObject({ producerId: Id })).min(1, 'needs at least one producer').max(200),
    }),
    response: z.strictObject({
      consumers: z.array(
        z.union([
          z.strictObject({
            producerId: Id,
            consumerId: Id,
            kind: z.enum(['audio', 'video']),
            rtpParameters: RtpParametersSchema,
          }),
          z.strictObject({ producerId: Id, error: z.strictObject({ code: z.string(), message: z.string() }) }),
        ]),
      ),
    }),
  },
  resumeConsumers: { request: ConsumerIds, response: Empty },
  pauseConsumers: { request: ConsumerIds, response: Empty },
  /** Simulcast/SVC layer a small tile wants (the server may pick lower). */
  setPreferredLayers: {
    request: z.strictObject({
      consumerId: Id,
      spatialLayer: z.number().int().min(0).max(15),
      temporalLayer: z.number().int().min(0).max(15).optional(),
    }),
    response: Empty,
  },
  closeConsumers: { request: ConsumerIds, response: Empty },
} as const;

export type SfuMethod = keyof typeof sfuMethods;
export type SfuRequest<M extends SfuMethod> = z.infer<(typeof sfuMethods)[M]['request']>;
export type SfuResponse<M extends SfuMethod> = z.infer<(typeof sfuMethods)[M]['response']>;
export type SfuConsumeItem = SfuResponse<'consume'>['consumers'][number];

/** Server → client notifications (no `id`). */
export const sfuNotifications = {
  /** The server closed a consumer (transport gone, producer gone, overload). */
  consumerClosed: z.strictObject({ consumerId: Id, reason: z.string().optional() }),
  /** A producer went away: every consumer of it is dead. */
  producerClosed: z.strictObject({ producerId: Id }),
  /** A producer (re)appeared or resumed: a good moment to (re)consume it. */
  producerResumed: z.strictObject({ producerId: Id }),
} as const;
export type SfuNotificationName = keyof typeof sfuNotifications;
export type SfuNotification = {
  [N in SfuNotificationName]: { readonly notification: N; readonly data: z.infer<(typeof sfuNotifications)[N]> };
}[SfuNotificationName];

/** Error codes a server or the client itself reports. */
export const sfuErrorCodes = [
  'bad-request',
  'unknown-method',
  'unknown-transport',
  'unknown-producer',
  'unknown-consumer',
  'cannot-consume',
  'closed',
  'timeout',
  'internal',
] as const;
export const SfuErrorSchema = z.strictObject({ code: z.string().min(1), message: z.string() });
export type SfuError = z.infer<typeof SfuErrorSchema>;

// ---- frames ---------------------------------------------------------------

const methodNames = Object.keys(sfuMethods) as [SfuMethod, ...SfuMethod[]];

/** A request frame, before its `data` is checked against the method's schema. */
export const SfuRequestFrameSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  method: z.enum(methodNames),
  data: z.unknown(),
});

export const SfuResponseFrameSchema = z.union([
  z.strictObject({ id: z.number().int().nonnegative(), ok: z.literal(true), data: z.unknown() }),
  z.strictObject({ id: z.number().int().nonnegative(), ok: z.literal(false), error: SfuErrorSchema }),
]);

const notificationNames = Object.keys(sfuNotifications) as [SfuNotificationName, ...SfuNotificationName[]];
export const SfuNotificationFrameSchema = z.strictObject({
  notification: z.enum(notificationNames),
  data: z.unknown(),
});

export type SfuServerFrame =
  | { readonly kind: 'response'; readonly id: number; readonly ok: true; readonly data: unknown }
  | { readonly kind: 'response'; readonly id: number; readonly ok: false; readonly error: SfuError }
  | { readonly kind: 'notification'; readonly notification: SfuNotification };

/** A field path and message for the first schema issue, e.g. `consumers.0.producerId: Required`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Parses one text frame from the server. Returns a clear error naming the
 * field when the frame is malformed; never throws.
 */
export function parseServerFrame(text: string): SfuServerFrame | { readonly kind: 'invalid'; readonly message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'invalid', message: 'frame is not JSON' };
  }
  if (typeof raw === 'object' && raw !== null && 'notification' in raw) {
    const frame = SfuNotificationFrameSchema.safeParse(raw);
    if (!frame.success) return { kind: 'invalid', message: describeIssue(frame.error) };
    const name = frame.data.notification;
    const data = sfuNotifications[name].safeParse(frame.data.data);
    if (!data.success) return { kind: 'invalid', message: `${name}.data.${describeIssue(data.error)}` };
    return { kind: 'notification', notification: { notification: name, data: data.data } as SfuNotification };
  }
  const frame = SfuResponseFrameSchema.safeParse(raw);
  if (!frame.success) return { kind: 'invalid', message: describeIssue(frame.error) };
  return frame.data.ok
    ? { kind: 'response', id: frame.data.id, ok: true, data: frame.data.data }
    : { kind: 'response', id: frame.data.id, ok: false, error: frame.data.error };
}

/** Server side: parses one request frame and its data, or says which field is wrong. */
export function parseRequestFrame(
  text: string,
):
  | { readonly ok: true; readonly id: number; readonly method: SfuMethod; readonly data: unknown }
  | { readonly ok: false; readonly id: number | undefined; readonly error: SfuError } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, id: undefined, error: { code: 'bad-request', message: 'frame is not JSON' } };
  }
  const id = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'number' ? raw.id : undefined;
  const frame = SfuRequestFrameSchema.safeParse(raw);
  if (!frame.success) {
    const unknownMethod = frame.error.issues.some((i) => i.path[0] === 'method');
    return { ok: false, id, error: { code: unknownMethod ? 'unknown-method' : 'bad-request', message: describeIssue(frame.error) } };
  }
  const data = sfuMethods[frame.data.method].request.safeParse(frame.data.data ?? {});
  if (!data.success) return { ok: false, id, error: { code: 'bad-request', message: `data.${describeIssue(data.error)}` } };
  return { ok: true, id: frame.data.id, method: frame.data.method, data: data.data };
}
