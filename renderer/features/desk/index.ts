// The desk feature's public surface: other features import from here only.
export { DeskView } from './DeskView';
