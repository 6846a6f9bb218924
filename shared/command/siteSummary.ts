import { z } from 'zod';
import type { LocalizedText } from '../i18n/locale';
import type { SiteState } from '../state';
import { alertList } from '../state/alertsDomain';

/** What the command-centre view shows per watched site (read-only). */
export const SiteSummarySchema = z.strictObject({
  site: z.string(),
  name: z.custom<LocalizedText>(),
  /** The bus link from this console (all watched sites share it). */
  link: z.enum(['connecting', 'connected', 'offline']),
  linkSince: z.number().nullable(),
  /** Consoles of the site whose journals this console holds copies of. */
  consoles: z.number().int(),
  entries: z.number().int(),
  lastEntry: z.strictObject({ at: z.number(), console: z.string(), kind: z.string() }).nullable(),
  openAlerts: z.number().int(),
  /** Open alerts per severity (red, orange, yellow, blue). */
  bySeverity: z.record(z.string(), z.number().int()),
  drillActive: z.boolean(),
  dutyLevel: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type SiteSummary = z.infer<typeof SiteSummarySchema>;

/** Open alerts from a site's folded state; drills are not counted (a command centre must not mistake a drill for an incident). */
export function openAlertCounts(state: SiteState): { open: number; bySeverity: Record<string, number>; dutyLevel: number | null } {
  const alerts = state.alerts;
  const bySeverity: Record<string, number> = {};
  let open = 0;
  for (const a of alertList(alerts)) {
    if (a.mode === 'DRILL' || a.status === 'resolved' || a.status === 'false-alarm') continue;
    open += 1;
    const sev = a.severity;
    bySeverity[sev] = (bySeverity[sev] ?? 0) + 1;
  }
  return { open, bySeverity, dutyLevel: alerts.dutyLevel };
}
