import type { ConsoleHandlers } from '../../../shared/contract';
import type { CoreContext } from './context';

type Group<K extends keyof ConsoleHandlers> = Pick<ConsoleHandlers, K>;

/** Start-up, settings and the demo camera simulator. */
export function consoleHandlers(ctx: CoreContext): Group<'getBootstrap' | 'setLocale' | 'simulateSourceFault'> {
  return {
    getBootstrap: async () => ({
      console: { id: ctx.identity.consoleId, station: ctx.station, version: ctx.version, shell: ctx.shell },
      site: ctx.siteView,
      settings: ctx.settings.get(),
      sources: ctx.simulator.statuses(),
      journal: ctx.journal.status(),
      drills: [...ctx.drills.scenarios()],
      siteWarnings: [...ctx.site.warnings],
    }),
    setLocale: async (locale) => {
      const next = ctx.settings.update({ locale });
      ctx.events.emit('onSettingsChanged', next);
      return next;
    },
    simulateSourceFault: async (fault) => ctx.simulator.setFault(fault),
  };
}
