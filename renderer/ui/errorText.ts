/**
 * Anything thrown, as the text a view shows: an Error's message, else the
 * value itself. One place, so every panel words a failure the same way.
 */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
