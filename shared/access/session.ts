import { z } from 'zod';
import { StationSchema } from '../contract/stations';
import { AccessRoleSchema } from './roles';

/** An account id is its roster person id where the person is on the roster (the journal's `actor`). */
export const AccountIdSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit');

export const MIN_PIN_DIGITS = 6;
export const MIN_PASSWORD_CHARS = 10;
export const PinSchema = z.string().regex(new RegExp(`^\\d{${MIN_PIN_DIGITS},12}$`), `must be ${MIN_PIN_DIGITS} to 12 digits`);
/** Length only: the core also refuses passwords on its list of common ones. */
export const PasswordSchema = z.string().min(MIN_PASSWORD_CHARS, `must be at least ${MIN_PASSWORD_CHARS} characters`).max(256);
export const ReasonSchema = z.string().trim().min(1, 'must not be empty').max(500);

/** An account as any console shows it: never its secrets. */
export const AccountViewSchema = z.strictObject({
  id: AccountIdSchema,
  name: z.string(),
  role: AccessRoleSchema,
  disabled: z.boolean(),
  /** Locked out after repeated failures until this time (site clock, ms), or null. */
  lockedOutUntil: z.number().int().nullable(),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

export const SignedInPersonSchema = z.strictObject({
  accountId: AccountIdSchema,
  name: z.string(),
  role: AccessRoleSchema,
  /** When they signed in (ms). */
  since: z.number().int(),
});
export type SignedInPerson = z.infer<typeof SignedInPersonSchema>;

/**
 * The session of one connection (a desk window, a browser tab): who is signed
 * in there, who has the keyboard, and whether it is locked. Two connections
 * never share a session.
 */
export const SessionViewSchema = z.strictObject({
  station: StationSchema,
  /** No account exists yet: the first start asks for the first administrator. */
  setupNeeded: z.boolean(),
  /** At most two people at one desk (监控室双人值班). */
  people: z.array(SignedInPersonSchema),
  /** Who the next action belongs to: the last of them to authenticate. */
  owner: AccountIdSchema.nullable(),
  locked: z.boolean(),
  /** The site's idle time before the desk locks. */
  idleLockMs: z.number().int().positive(),
  /** Who may sign in here (a wall station lists none). */
  accounts: z.array(AccountViewSchema),
  /** An approval a supervisor gave for one action, not yet used. */
  approval: z.strictObject({ method: z.string(), by: AccountIdSchema, until: z.number().int() }).nullable(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;
