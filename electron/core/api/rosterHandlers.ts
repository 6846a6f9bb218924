import type { ConsoleHandlers } from '../../../shared/contract';
import { approver, currentActor, type CoreContext } from './context';

type Group<K extends keyof ConsoleHandlers> = Pick<ConsoleHandlers, K>;

/** Contact roster, comms checks, roll calls, CSV import/export and the printable roster. */
export function rosterHandlers(
  ctx: CoreContext,
): Group<
  'getRoster' | 'logAttempt' | 'ackEscalation' | 'startRollCall' | 'answerRollCall' | 'endRollCall' | 'recordDeviceTest' | 'importRosterCsv' | 'previewRosterCsv' | 'exportRosterCsv' | 'printRoster'
> {
  return {
    getRoster: async () => ctx.roster.current(),
    logAttempt: async (attempt) => ctx.roster.logAttempt(attempt, currentActor(ctx)),
    ackEscalation: async ({ escalationId }) => ctx.roster.ack(escalationId, currentActor(ctx)),
    startRollCall: async ({ channel }) => ctx.roster.startRollCall(channel, currentActor(ctx)),
    answerRollCall: async ({ person, result }) => ctx.roster.answerRollCall(person, result, currentActor(ctx)),
    endRollCall: async () => ctx.roster.endRollCall(currentActor(ctx)),
    recordDeviceTest: async ({ device, result }) => ctx.roster.recordTest(device, result, currentActor(ctx)),
    previewRosterCsv: async ({ text }) => ctx.roster.previewCsv(text),
    importRosterCsv: async ({ text }) => ctx.roster.importCsv(text, currentActor(ctx), approver()),
    exportRosterCsv: async () => ({ csv: ctx.roster.exportCsv() }),
    printRoster: async () => ctx.roster.print(),
  };
}
