import { useMemo } from 'react';
import { dueStates, type DueState } from '../../../shared/roster/schedule';
import { useConsole } from '../../app/StoreContext';
import { useNow } from '../../ui/useNow';
import { useRoster } from './useRoster';

const NONE: readonly DueState[] = [];

/** Comms checks overdue now whose escalation nobody acknowledged: the wall's banner and the desk's nav badge. */
export function useOverdueChecks(): readonly DueState[] {
  const tz = useConsole((s) => s.bootstrap?.site.timezone) ?? 'UTC';
  const state = useConsole((s) => s.siteState.roster);
  const roster = useRoster();
  const now = useNow(5000);
  return useMemo(() => (roster ? dueStates(state, roster, tz, now).filter((s) => s.stage === 'overdue' && !s.escalation?.acked) : NONE), [roster, state, tz, now]);
}
