// The roster feature's public surface: other features import from here only.
export { nameOf } from './names';
export { RosterSection } from './RosterSection';
export { useOnline, useRoster } from './useRoster';
export { WallCommsBanner } from './WallCommsBanner';
export { useOverdueChecks } from './useOverdueChecks';
export { createRosterSlice, type RosterSlice } from './rosterSlice';
export { QuickCall } from './QuickCall';
