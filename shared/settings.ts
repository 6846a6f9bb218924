import { z } from 'zod';
import { LocaleSchema, defaultLocale } from './i18n/locale';

/** Per-console preferences, stored in the data folder. */
export const SettingsSchema = z.strictObject({
  locale: LocaleSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const defaultSettings: Settings = { locale: defaultLocale };
