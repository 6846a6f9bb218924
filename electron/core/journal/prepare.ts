import { ConsoleError } from '../../../shared/errors';
import { canonicalJson, CanonicalJsonError, utf8Length } from '../../../shared/journal/canonical';
import { MAX_PAYLOAD_BYTES, type EntryDraft, type Mode } from '../../../shared/journal/entry';
import type { KindRegistry } from '../../../shared/journal/kinds';
import { toFieldIssues } from '../../../shared/validation';
import type { PreparedDraft } from './store';

/**
 * Checks a draft against its kind and turns it into what the writer stores.
 * Every refusal names the field: `kind`, `ref`, or `payload.<path>`.
 */
export function prepareDraft(
  kinds: KindRegistry,
  draft: EntryDraft,
  context: { actor: string; now: number; mode: Mode; allowSystem: boolean; appendKey?: string | undefined },
): { prepared: PreparedDraft; payload: unknown } {
  const spec = Object.hasOwn(kinds, draft.kind) ? kinds[draft.kind] : undefined;
  if (!spec) {
    throw new ConsoleError('invalid-argument', `kind: unknown entry kind "${draft.kind}"`, [{ path: 'kind', message: `unknown entry kind "${draft.kind}"` }]);
  }
  if (spec.system && !context.allowSystem) {
    throw new ConsoleError('invalid-argument', `kind: "${draft.kind}" entries are written by the console itself`, [
      { path: 'kind', message: 'written by the console itself' },
    ]);
  }
  if (spec.needsRef && draft.ref === undefined) {
    throw new ConsoleError('invalid-argument', `ref: a ${draft.kind} must name the entry it concerns`, [{ path: 'ref', message: 'required' }]);
  }
  const parsed = spec.payload.safeParse(draft.payload);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error, ['payload']);
    throw new ConsoleError('invalid-argument', `${issues[0]?.path ?? 'payload'}: ${issues[0]?.message ?? 'invalid'}`, issues);
  }
  let payloadText: string;
  try {
    payloadText = canonicalJson(parsed.data);
  } catch (err) {
    if (err instanceof CanonicalJsonError) throw new ConsoleError('invalid-argument', `payload: ${err.message}`, [{ path: 'payload', message: err.message }]);
    throw err;
  }
  const bytes = utf8Length(payloadText);
  if (bytes > MAX_PAYLOAD_BYTES) {
    const message = `payload is ${bytes} bytes; the limit is ${MAX_PAYLOAD_BYTES} (64 KiB)`;
    throw new ConsoleError('invalid-argument', `payload: ${message}`, [{ path: 'payload', message }]);
  }
  return {
    prepared: {
      kind: draft.kind,
      payloadText,
      text: spec.text(parsed.data),
      ref: draft.ref ?? null,
      occurredAt: draft.occurredAt,
      actor: context.actor,
      mode: draft.mode ?? context.mode,
      now: context.now,
      appendKey: context.appendKey ?? null,
    },
    payload: parsed.data,
  };
}
