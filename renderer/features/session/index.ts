// The session feature's public surface: other features import from here only.
export { SessionGate } from './SessionGate';
export { SessionStrip } from './SessionStrip';
export { AccountsSection } from './AccountsSection';
export { useCan, useIsDisplay } from './useCan';
export { canCall, ownerRole, type ContractMethod } from './permissions';
export { createSessionSlice, type SessionSlice } from './sessionSlice';
