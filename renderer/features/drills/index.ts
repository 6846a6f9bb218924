// The drills feature's public surface: other features import from here only.
export { DrillBanner } from './DrillBanner';
export { DrillReview } from './DrillReview';
export { DrillsSection } from './DrillsSection';
export { createDrillsSlice, type DrillsSlice, type DrillEvaluation } from './drillsSlice';
