import { z } from 'zod';

export const locales = ['zh-CN', 'en'] as const;
export const LocaleSchema = z.enum(locales);
export type Locale = z.infer<typeof LocaleSchema>;
export const defaultLocale: Locale = 'zh-CN';

/**
 * Text written by a site (zone names, camera names, checklists): either one
 * string for every language, or one string per language (at least one).
 */
export const LocalizedTextSchema = z.union([
  z.string().min(1),
  z
    .strictObject({ en: z.string().min(1).optional(), 'zh-CN': z.string().min(1).optional() })
    .refine((t) => t.en !== undefined || t['zh-CN'] !== undefined, {
      message: 'needs at least one of "en" or "zh-CN"',
    }),
]);
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** Picks the text for a locale, falling back to the other language. */
export function localize(text: LocalizedText, locale: Locale): string {
  if (typeof text === 'string') return text;
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  return text[locale] ?? text[other] ?? '';
}
