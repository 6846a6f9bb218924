import type { RawData } from 'ws';

/** A WebSocket message as text, whatever shape ws handed it over in (String() of an array of buffers would not be). */
export function wsText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}
