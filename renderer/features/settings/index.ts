// The settings feature's public surface: other features import from here only.
export { LanguageSwitch } from './LanguageSwitch';
export { createSettingsSlice, type SettingsSlice } from './settingsSlice';
