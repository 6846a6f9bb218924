import { describe, expect, it } from 'vitest';
import { en, localize, translate } from '../../../shared/i18n';
import { zhCN } from '../../../shared/i18n/zh-CN';

describe('i18n', () => {
  it('has a Chinese message for every English key, none empty, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zhCN[key], key).toBeTruthy();
      const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'camera.retryIn', { seconds: 4 })).toBe('Retrying in 4 s');
    expect(translate('zh-CN', 'camera.retryIn', { seconds: 4 })).toBe('4 秒后重试');
    expect(translate('en', 'camera.retryIn')).toBe('Retrying in {seconds} s');
  });

  it('localizes site text, falling back to the other language', () => {
    expect(localize({ en: 'Lobby', 'zh-CN': '大堂' }, 'zh-CN')).toBe('大堂');
    expect(localize({ en: 'Lobby' }, 'zh-CN')).toBe('Lobby');
    expect(localize('Gate 3', 'en')).toBe('Gate 3');
  });
});
