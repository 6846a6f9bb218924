import type { MessageKey, MessageParams } from '../../../shared/i18n';
import type { SessionAction, SessionFailure } from './sessionSlice';

type T = (key: MessageKey, params?: MessageParams) => string;

const ruleFor: Readonly<Record<string, MessageKey>> = {
  id: 'session.rule.id',
  name: 'session.rule.name',
  password: 'session.rule.password',
  pin: 'session.rule.pin',
  reason: 'session.rule.reason',
};

/** The failure of `action`, if it is the last one: forms show only their own. */
export function failureOf(failure: SessionFailure | undefined, action: SessionAction): SessionFailure | undefined {
  return failure?.action === action ? failure : undefined;
}

/**
 * A field's problem in the user's language. The core names fields by path
 * (`0.password`, `pin`); its words are for logs, so each field has its rule here.
 */
export function fieldText(failure: SessionFailure | undefined, field: string, t: T): string | undefined {
  const issue = failure?.issues.find((i) => i.path === field || i.path.endsWith(`.${field}`));
  if (!issue) return undefined;
  if (/too easy/i.test(issue.message)) return t('session.rule.weak');
  if (/exists already/i.test(issue.message)) return t('session.rule.taken');
  const key = ruleFor[field];
  return key ? t(key) : issue.message;
}

/**
 * The form-level message: one generic text for a wrong password or PIN (it
 * never says which was wrong, nor whether the account exists).
 */
export function formText(failure: SessionFailure | undefined, t: T): string | undefined {
  if (!failure) return undefined;
  if (failure.code === 'unauthenticated') return t('session.error.wrong');
  if (failure.issues.length > 0 && failure.code === 'invalid-argument') return undefined;
  if (failure.code === 'conflict' && /people are signed in/.test(failure.message)) return t('session.error.full');
  if (failure.code === 'forbidden' && /disabled/.test(failure.message)) return t('session.signIn.disabled');
  return t('session.error.other', { message: failure.message });
}
