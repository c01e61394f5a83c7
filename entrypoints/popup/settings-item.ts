import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';

/** The user's settings in the extension's storage: the background reschedules its alarms when they change. */
export const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS, version: 1 });
