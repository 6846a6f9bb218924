import { en, type MessageKey, type Messages } from './en';
import type { Locale } from './locale';
import { zhCN } from './zh-CN';

export { en, type MessageKey, type Messages } from './en';
export * from './locale';

const catalogues: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

export type MessageParams = Readonly<Record<string, string | number>>;

/** Looks up a message and fills `{name}` placeholders; unknown names stay visible. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogues[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
