import type { Zone } from '../../../shared/site/schema';

/** Zone fills by kind: restricted and perimeter areas warm, public areas cool. */
const FILL: Readonly<Record<Zone['kind'], string>> = {
  entrance: '#3b82f6',
  checkpoint: '#06b6d4',
  perimeter: '#f59e0b',
  'quarantine-wing': '#a855f7',
  'key-area': '#ef4444',
  activity: '#22c55e',
  buffer: '#eab308',
  cordon: '#f97316',
  'grid-cell': '#64748b',
  'fire-escape': '#10b981',
  'assembly-point': '#14b8a6',
  'control-room': '#6366f1',
  other: '#94a3b8',
};

export function zoneFill(kind: Zone['kind']): string {
  return FILL[kind];
}

/**
 * Zone colour by its alert count in the window, on fixed bands (like the heat
 * scale, never relative to the busiest zone on screen).
 */
export const COUNT_BANDS: readonly { readonly min: number; readonly colour: string; readonly band: string }[] = [
  { min: 10, colour: '#dc2626', band: 'many' },
  { min: 3, colour: '#f97316', band: 'several' },
  { min: 1, colour: '#facc15', band: 'some' },
];

export function countBand(count: number): { colour: string; band: string } | undefined {
  return COUNT_BANDS.find((b) => count >= b.min);
}
