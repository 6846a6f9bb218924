import type { Locale } from '../../../shared/i18n';
import { defaultSettings, type Settings } from '../../../shared/settings';
import type { SliceCreator } from '../../app/store';
import { errorText } from '../../ui/errorText';

export interface SettingsSlice {
  readonly settings: Settings;
  readonly settingsError: string | undefined;
  setLocale(locale: Locale): Promise<void>;
  settingsChanged(settings: Settings): void;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (api) => (set) => ({
  settings: defaultSettings,
  settingsError: undefined,
  setLocale: async (locale) => {
    try {
      set({ settings: await api.setLocale(locale), settingsError: undefined });
    } catch (err) {
      set({ settingsError: errorText(err) });
    }
  },
  settingsChanged: (settings) => set({ settings }),
});
