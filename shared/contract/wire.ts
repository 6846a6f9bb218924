import { z } from 'zod';
import { errorCodes, type ConsoleErrorData } from '../errors';

/**
 * Frames of the contract over WebSocket (electron/host <-> renderer/platform/ws).
 * JSON text frames; both ends parse every frame with these schemas.
 */
export const WIRE_PROTOCOL = 'watchpost.v1';
/** Frames above this are refused before parsing (a contract call is small). */
export const MAX_FRAME_BYTES = 1024 * 1024;

export const ClientFrameSchema = z.discriminatedUnion('t', [
  z.strictObject({
    t: z.literal('call'),
    id: z.number().int().nonnegative(),
    m: z.string().min(1).max(64),
    a: z.array(z.unknown()).max(16),
  }),
  z.strictObject({ t: z.literal('sub'), e: z.string().min(1).max(64) }),
  z.strictObject({ t: z.literal('unsub'), e: z.string().min(1).max(64) }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

const ErrorDataSchema = z.strictObject({
  code: z.enum(errorCodes),
  message: z.string(),
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).readonly().optional(),
});

export const ServerFrameSchema = z.union([
  z.strictObject({ t: z.literal('hello'), protocol: z.literal(WIRE_PROTOCOL) }),
  z.strictObject({ t: z.literal('res'), id: z.number().int().nonnegative(), ok: z.literal(true), v: z.unknown() }),
  z.strictObject({ t: z.literal('res'), id: z.number().int().nonnegative(), ok: z.literal(false), err: ErrorDataSchema }),
  z.strictObject({ t: z.literal('evt'), e: z.string(), p: z.unknown() }),
  // A frame the host refused that had no id to answer on (not JSON, binary, `null`, no id):
  // the connection stays up; a client logs it and carries on.
  z.strictObject({ t: z.literal('error'), err: ErrorDataSchema }),
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;

/** The envelope a main-process IPC handler returns (Electron drops error details on reject). */
export type IpcEnvelope = { ok: true; v: unknown } | { ok: false; err: ConsoleErrorData };
