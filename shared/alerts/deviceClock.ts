/** How far a device's time may be from the console's before the alarm says so, unless the site file sets `deviceClockToleranceSec`. */
export const DEFAULT_DEVICE_CLOCK_TOLERANCE_SEC = 300;

/**
 * How far the device's own time of an alarm lay from its receipt, when beyond
 * the site's tolerance: positive when the device's clock is ahead. A clock
 * fault the ingest refused (`deviceTime`) counts with the time the device
 * reported. The alarm's age always runs from receipt; this only tells the
 * operator not to trust the device's time ("device clock 1 h ahead").
 */
export function deviceClockOffset(alert: { readonly occurredAt: number; readonly raisedAt: number; readonly deviceTime?: { readonly reported: number } | undefined }, toleranceSec: number): number | undefined {
  const reported = alert.deviceTime?.reported ?? alert.occurredAt;
  const offset = reported - alert.raisedAt;
  return Math.abs(offset) > toleranceSec * 1000 ? offset : undefined;
}
