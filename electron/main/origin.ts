/**
 * The renderer's origin in the desktop app. Pure (no electron import) so the
 * checks below are unit-tested under Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function appUrl(route: string): string {
  return `${APP_ORIGIN}/index.html#/${route}`;
}

/** True when a URL belongs to the console's own pages. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * External links the console may hand to the OS browser: none by default.
 * A site could add its NVR's web UI here; everything else is refused.
 */
export function isAllowedExternal(url: string, allowList: readonly string[]): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:') return false;
    return allowList.includes(parsed.origin);
  } catch {
    return false;
  }
}
