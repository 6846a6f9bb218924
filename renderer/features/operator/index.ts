// The operator feature's public surface: other features import from here only.
export { OnDuty } from './OnDuty';
