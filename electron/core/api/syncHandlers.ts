import type { ConsoleHandlers } from '../../../shared/contract';
import { ConsoleError } from '../../../shared/errors';
import type { Role } from '../../../shared/site/roster';
import type { CoreContext } from './context';

type Group<K extends keyof ConsoleHandlers> = Pick<ConsoleHandlers, K>;

/** Who may enrol a console: the commanders and the duty officer (the control room's supervisors). */
export const ENROL_ROLES: readonly Role[] = ['overall-commander', 'on-site-commander', 'duty-officer'];

/** The site's consoles: enrolment at the desk (the replicator takes the entry in, sync/peerReplicator.ts). */
export function syncHandlers(ctx: CoreContext): Group<'enrollConsole'> {
  return {
    enrollConsole: async (input) => {
      const operator = ctx.settings.get().operator;
      const person = ctx.site.site.roster.people.find((p) => p.id === operator);
      if (!person || !ENROL_ROLES.includes(person.role)) {
        throw new ConsoleError('unauthorized', `enrolling a console needs a supervisor signed in at this desk (${ENROL_ROLES.join(', ')}); the operator is ${operator ?? 'not set'}`);
      }
      if (input.consoleId === ctx.identity.consoleId) throw new ConsoleError('invalid-argument', 'this is this console itself', [{ path: 'consoleId', message: 'this is this console itself' }]);
      const listed = ctx.site.site.consoles?.find((c) => c.id === input.consoleId);
      if (listed && listed.publicKey !== input.publicKey) {
        const message = `console ${input.consoleId} is enrolled in the site file with another key; change the site file, not the desk`;
        throw new ConsoleError('conflict', message, [{ path: 'publicKey', message }]);
      }
      await ctx.journal.append({ kind: 'console.enrolled', payload: input }, { actor: person.id, allowSystem: true });
      return ctx.peers();
    },
  };
}
