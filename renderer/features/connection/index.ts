// The connection feature's public surface: other features import from here only.
export { ConnectionBadge } from './ConnectionBadge';
export { createConnectionSlice, type ConnectionSlice } from './connectionSlice';
