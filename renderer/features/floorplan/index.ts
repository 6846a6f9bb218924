// The floor-plan feature's public surface: other features import from here only.
export { FloorPlanPanel } from './FloorPlanPanel';
export { useAlertHeat } from './useAlertHeat';
export { usePlanAlarms } from './usePlanAlarms';
export { zoneFill } from './zoneStyle';
