// The plans feature's public surface: other features import from here only.
export { PlansSection } from './PlansSection';
export { createPlansSlice, type PlansSlice } from './plansSlice';
