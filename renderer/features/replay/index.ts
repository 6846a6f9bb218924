// The replay feature's public surface: other features import from here only.
export { ReplayView } from './ReplayView';
