import { z } from 'zod';
import { SourceFaultSchema, SourceStatusSchema } from '../media/sources';
import { LocaleSchema } from '../i18n/locale';
import { SettingsSchema } from '../settings';
import type { SiteView } from '../site/view';
import { event, method, type ClientApi, type EventSource, type MethodHandlers } from './define';

export const stations = ['desk', 'wall', 'replay'] as const;
export const StationSchema = z.enum(stations);
export type Station = z.infer<typeof StationSchema>;

export const BootstrapSchema = z.strictObject({
  console: z.strictObject({
    /** Stable id of this console (its data folder), used in journals and on the bus. */
    id: z.string(),
    station: StationSchema,
    version: z.string(),
    /** `electron`: the desktop app; `host`: served to a browser on 127.0.0.1. */
    shell: z.enum(['electron', 'host']),
  }),
  site: z.custom<SiteView>(),
  settings: SettingsSchema,
  sources: z.array(SourceStatusSchema),
});
export type Bootstrap = z.infer<typeof BootstrapSchema>;

/**
 * The console's API, declared once. Every side is derived from this object:
 * the IPC channels and handler map in electron/main, the preload bridge, the
 * WebSocket server in electron/host and client in renderer/platform.
 * Adding a member here is a compile error everywhere it is not yet served.
 *
 * Methods: `name: method(argsTuple, result)`. Events: `onName: event(payload)`.
 */
export const consoleContract = {
  getBootstrap: method(z.tuple([]), BootstrapSchema),
  setLocale: method(z.tuple([LocaleSchema]), SettingsSchema),
  /** Demo sources only: stop, stall or restart a simulated camera (tests and drills). */
  simulateSourceFault: method(z.tuple([SourceFaultSchema]), z.array(SourceStatusSchema)),

  onSettingsChanged: event(SettingsSchema),
  onSourceStatus: event(SourceStatusSchema),
} as const;

export type ConsoleContract = typeof consoleContract;
export type ConsoleApi = ClientApi<ConsoleContract>;
export type ConsoleHandlers = MethodHandlers<ConsoleContract>;
export type ConsoleEvents = EventSource<ConsoleContract>;
export * from './define';
