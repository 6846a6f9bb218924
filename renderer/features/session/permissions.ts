import { holds, type AccessRole } from '../../../shared/access/roles';
import type { SessionView } from '../../../shared/access/session';
import { methodRequirement } from '../../../shared/contract/access';

export type ContractMethod = keyof typeof methodRequirement;

/** The role of whoever has the keyboard at this desk, or null (nobody, or a wall). */
export function ownerRole(session: SessionView | undefined): AccessRole | null {
  if (!session || session.owner === null) return null;
  return session.people.find((p) => p.accountId === session.owner)?.role ?? null;
}

/**
 * Whether the person at the keyboard may call `method`, derived from the
 * gate's own table (shared/contract/access.ts `methodRequirement`) so the UI
 * never offers what the core would refuse. A four-eyes method is offered to
 * an operator: the core then asks for a supervisor's approval. A locked desk
 * offers nothing beyond what a display needs.
 */
export function canCall(session: SessionView | undefined, method: ContractMethod): boolean {
  const needed = methodRequirement[method];
  if (needed === 'anyone' || needed === 'display') return true;
  if (!session || session.station === 'wall' || session.locked) return false;
  const role = ownerRole(session);
  if (role === null) return false;
  return holds(role, needed === 'four-eyes' ? 'operator' : needed);
}
