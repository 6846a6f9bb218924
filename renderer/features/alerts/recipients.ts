import { groupRecipient, groups } from '../../../shared/site/roster';
import type { Roster } from '../../../shared/site/roster';
import { localize, type Locale, type MessageKey } from '../../../shared/i18n';

/** Where a choice in the assign / dispatch / report picker comes from. */
export type RecipientSection = 'duty' | 'groups' | 'external' | 'everyone';

export interface Recipient {
  readonly section: RecipientSection;
  /** What the journal records: a roster person or unit id, or `group:<group>`. */
  readonly id: string;
  readonly name: string;
}

/**
 * Who an alarm can go to, in the order a duty officer reaches for them:
 * for assign and dispatch the people on duty, the site's working groups,
 * then everyone else on the roster; for a report upward the external
 * contacts (110/119/120, the command centre) and the liaison officers first.
 * Free text ("other") is the picker's, not this list's.
 */
export function recipients(action: 'assign' | 'dispatch' | 'report', roster: Roster | undefined, onDuty: readonly string[], locale: Locale, t: (key: MessageKey) => string): Recipient[] {
  if (!roster) return [];
  const person = (id: string): Recipient | undefined => {
    const p = roster.people.find((x) => x.id === id);
    return p ? { section: 'duty', id: p.id, name: localize(p.name, locale) } : undefined;
  };
  const duty = onDuty.map(person).filter((r): r is Recipient => r !== undefined);
  const dutyIds = new Set(duty.map((r) => r.id));
  const everyone = roster.people.filter((p) => !dutyIds.has(p.id)).map((p): Recipient => ({ section: 'everyone', id: p.id, name: localize(p.name, locale) }));
  const external = roster.units.map((u): Recipient => ({ section: 'external', id: u.id, name: localize(u.name, locale) }));
  if (action === 'report') {
    const liaison = roster.people.filter((p) => p.role === 'liaison-officer' || p.role === 'overall-commander').map((p): Recipient => ({ section: 'external', id: p.id, name: localize(p.name, locale) }));
    return [...external, ...liaison];
  }
  const teams = groups.filter((g) => roster.people.some((p) => p.group === g)).map((g): Recipient => ({ section: 'groups', id: groupRecipient(g), name: t(`roster.group.${g}`) }));
  return [...duty, ...teams, ...everyone];
}
