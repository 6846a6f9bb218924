import { z } from 'zod';
import { LocaleSchema, defaultLocale } from './i18n/locale';

/** Per-console preferences, stored in the data folder. */
export const SettingsSchema = z.strictObject({
  locale: LocaleSchema,
  /**
   * Who is working this console: a roster person id or a name. Recorded as the
   * actor of every entry made here; null until someone signs in at the desk.
   */
  operator: z.string().trim().min(1).max(80).nullable().default(null),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const defaultSettings: Settings = { locale: defaultLocale, operator: null };

export const OperatorSchema = z.string().trim().min(1, 'must not be empty').max(80).nullable();
