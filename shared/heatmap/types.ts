/**
 * What the heat map draws: one event at a place and a time. It carries no
 * person, camera subject or identity on purpose — the heat map counts events
 * by place and time, never people. The lead maps the alerts domain's
 * AlertView onto this shape; nothing here depends on the alerts code.
 */
export type HeatSeverity = 'red' | 'orange' | 'yellow' | 'blue';

export interface HeatEvent {
  readonly floor: string;
  /** Plan metres from the floor image's top-left corner. */
  readonly x: number;
  readonly y: number;
  readonly severity: HeatSeverity;
  /** When it happened, epoch ms. */
  readonly at: number;
  readonly zone?: string | undefined;
  /** Still being handled (not resolved, not a false alarm). */
  readonly open: boolean;
  /** What to list in a zone's panel, e.g. the alert type's name (never a person). */
  readonly label?: string | undefined;
}
