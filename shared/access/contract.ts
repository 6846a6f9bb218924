import { z } from 'zod';
import { event, method } from '../contract/define';
import { UUID7_PATTERN } from '../journal/uuid7';
import { AccessRoleSchema } from './roles';
import { AccountIdSchema, PasswordSchema, PinSchema, ReasonSchema, SessionViewSchema } from './session';

const NameSchema = z.string().trim().min(1, 'must not be empty').max(80);

export const NewAccountSchema = z.strictObject({
  id: AccountIdSchema,
  name: NameSchema,
  role: AccessRoleSchema,
  password: PasswordSchema,
  pin: PinSchema,
});
export type NewAccount = z.infer<typeof NewAccountSchema>;

export const SignInSchema = z.strictObject({
  accountId: AccountIdSchema,
  password: z.string().min(1, 'must not be empty').max(256),
  /** Why, when signing in outside one's shift (asked for, then journaled). */
  reason: ReasonSchema.optional(),
  /** The handover (交接班) entry this sign-in accepts: its outgoing officer is signed out. */
  handover: z.string().regex(UUID7_PATTERN, 'must be the id of a handover entry').optional(),
});
export type SignIn = z.infer<typeof SignInSchema>;

export const PinProofSchema = z.strictObject({ accountId: AccountIdSchema, pin: z.string().min(1, 'must not be empty').max(32) });
export type PinProof = z.infer<typeof PinProofSchema>;

/**
 * Operators and their sessions: sign-in, lock, PIN, four-eyes approval and
 * the site's accounts. Spread into the console contract. What each method
 * needs of its caller is in `contract/access.ts`, with every other method's.
 */
export const accessContract = {
  /** This connection's session: who is signed in here, who has the keyboard, locked or not. */
  getSession: method(z.tuple([]), SessionViewSchema),
  /** A fresh install: the first administrator, who is then signed in. Refused once any account exists. */
  setupFirstAdministrator: method(z.tuple([NewAccountSchema.omit({ role: true })]), SessionViewSchema),
  /** Signs a person in at this connection (at most two); they then have the keyboard. */
  signIn: method(z.tuple([SignInSchema]), SessionViewSchema),
  signOut: method(z.tuple([z.strictObject({ accountId: AccountIdSchema })]), SessionViewSchema),
  /** Locks the desk now (alarms keep showing); a PIN unlocks it. */
  lockSession: method(z.tuple([]), SessionViewSchema),
  /** A signed-in person's PIN: unlocks the desk and gives them the keyboard. */
  usePin: method(z.tuple([PinProofSchema]), SessionViewSchema),
  /** The person at the desk is still there (keyboard or pointer): postpones the idle lock. */
  reportActivity: method(z.tuple([]), z.null()),
  /** A supervisor approves one sensitive action (`method`) on the spot with their PIN; it is used by the next such call within two minutes. */
  approveAction: method(z.tuple([PinProofSchema.extend({ method: z.string().min(1).max(64) })]), SessionViewSchema),
  /** An administrator enrols an account (journaled without its secrets). */
  enrolAccount: method(z.tuple([NewAccountSchema]), SessionViewSchema),
  /** An administrator sets a new password and/or PIN. */
  resetAccount: method(
    z.tuple([
      z
        .strictObject({ id: AccountIdSchema, password: PasswordSchema.optional(), pin: PinSchema.optional(), reason: ReasonSchema })
        .refine((r) => r.password !== undefined || r.pin !== undefined, { message: 'give a new password, a new PIN or both', path: ['password'] }),
    ]),
    SessionViewSchema,
  ),
  /** An administrator disables (or enables again) an account; a disabled person is signed out at their next call. */
  setAccountDisabled: method(z.tuple([z.strictObject({ id: AccountIdSchema, disabled: z.boolean(), reason: ReasonSchema })]), SessionViewSchema),
  /** A supervisor lifts a lockout after repeated failures. */
  liftLockout: method(z.tuple([z.strictObject({ accountId: AccountIdSchema, reason: ReasonSchema })]), SessionViewSchema),
  /** Some session or account changed (a lock by idle time, a disabled account): fetch getSession again. */
  onSessionsChanged: event(z.strictObject({ at: z.number().int() })),
} as const;
