// The alerts feature's public surface: other features import from here only.
export { AlertsSection } from './AlertsSection';
export { DutyLevelBadge } from './DutyLevel';
export { onAlertsShown, type AlertsShownListener } from './alertsShown';
export { createAlertsSlice, type AlertsSlice, type DirectAlertAction, type PromptedAlertAction } from './alertsSlice';
export { OpenAlarms } from './OpenAlarms';
export { AlarmTone } from './AlarmTone';
export { AttentionCounts } from './AttentionCounts';
export { SupervisorBanner } from './SupervisorBanner';
