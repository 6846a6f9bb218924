import { z } from 'zod';

/**
 * One scale for all alerts. The sources use red/orange/yellow for threats and
 * red/yellow/blue for warnings; merged, highest first.
 */
export const severities = ['red', 'orange', 'yellow', 'blue'] as const;
export const SeveritySchema = z.enum(severities);
export type Severity = z.infer<typeof SeveritySchema>;

/** Higher is more urgent; used for sorting and heat-map weights. */
export const severityRank: Readonly<Record<Severity, number>> = { red: 4, orange: 3, yellow: 2, blue: 1 };
