import type { HeatSeverity } from './types';

/**
 * How much one event of each severity adds to the heat map. Each step doubles,
 * so one red alert weighs as much as eight blue (information) ones: a place
 * with a single intrusion shows hotter than a corridor of door-held-open
 * notices, which is what the duty officer needs to see first.
 */
export const SEVERITY_WEIGHT: Readonly<Record<HeatSeverity, number>> = {
  red: 8,
  orange: 4,
  yellow: 2,
  blue: 1,
};
