import { useConsole } from '../../app/StoreContext';
import { canCall, type ContractMethod } from './permissions';

/** Whether the person at the keyboard may call `method` (derived from the gate's table); false in replay's read-only store. */
export function useCan(method: ContractMethod): boolean {
  return useConsole((s) => !s.readOnly && canCall(s.session, method));
}

/** Whether this view is a display (a wall station): nobody signs in there, no sign-in UI is shown. */
export function useIsDisplay(): boolean {
  return useConsole((s) => s.session?.station === 'wall' || s.bootstrap?.console.station === 'wall');
}
