import { z } from 'zod';

/**
 * What a signed-in person may do at a console, lowest first. Each role holds
 * the rights of those before it: an observer reads the record (evaluators, the
 * command centre, replay), an operator (值班员) works the desk, a supervisor
 * (值班长/带班领导) approves the sensitive actions, an administrator sets the
 * site up and manages accounts.
 */
export const accessRoles = ['observer', 'operator', 'supervisor', 'administrator'] as const;
export const AccessRoleSchema = z.enum(accessRoles);
export type AccessRole = z.infer<typeof AccessRoleSchema>;

const rank: Readonly<Record<AccessRole, number>> = { observer: 1, operator: 2, supervisor: 3, administrator: 4 };

export function holds(role: AccessRole, needed: AccessRole): boolean {
  return rank[role] >= rank[needed];
}

/** The lower of two roles: a replay station caps everyone at observer. */
export function capRole(role: AccessRole, cap: AccessRole): AccessRole {
  return rank[role] <= rank[cap] ? role : cap;
}

/**
 * What a contract method needs of its caller:
 * - `anyone`: no one signed in (start-up, signing in, unlocking);
 * - `display`: what a screen needs to show the site, on a wall station or a
 *   locked desk too (alarms keep showing through the lock);
 * - a role: someone holding it is signed in and at the keyboard, and the desk
 *   is not locked;
 * - `four-eyes`: an operator acting with a supervisor, who is either signed in
 *   at the same desk or approves this one action on the spot with their PIN.
 */
export type Requirement = 'anyone' | 'display' | AccessRole | 'four-eyes';
export const requirements: readonly Requirement[] = ['anyone', 'display', ...accessRoles, 'four-eyes'];
