import { describe, expect, it } from 'vitest';
import { appUrl, isAllowedExternal, isAppUrl } from '../../../electron/main/origin';

describe('desktop shell origin checks', () => {
  it('knows its own pages', () => {
    expect(appUrl('wall/2')).toBe('app://console/index.html#/wall/2');
    expect(isAppUrl('app://console/index.html#/desk')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://console/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('opens external links only to allow-listed https origins', () => {
    const allow = ['https://nvr.site.local'];
    expect(isAllowedExternal('https://nvr.site.local/live', allow)).toBe(true);
    expect(isAllowedExternal('http://nvr.site.local/live', allow)).toBe(false);
    expect(isAllowedExternal('https://nvr.site.local.evil.com/', allow)).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)', allow)).toBe(false);
  });
});
