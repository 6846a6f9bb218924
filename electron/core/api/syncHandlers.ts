import type { ConsoleHandlers } from '../../../shared/contract';
import { ConsoleError } from '../../../shared/errors';
import { approver, currentActor, type CoreContext } from './context';

type Group<K extends keyof ConsoleHandlers> = Pick<ConsoleHandlers, K>;

/** The site's consoles: enrolment at the desk (the replicator takes the entry in, sync/peerReplicator.ts). */
export function syncHandlers(ctx: CoreContext): Group<'enrollConsole'> {
  return {
    enrollConsole: async (input) => {
      // Who may: the gate's four eyes (shared/contract/access.ts); the supervisor is named in the entry.
      if (input.consoleId === ctx.identity.consoleId) throw new ConsoleError('invalid-argument', 'this is this console itself', [{ path: 'consoleId', message: 'this is this console itself' }]);
      const listed = ctx.site.site.consoles?.find((c) => c.id === input.consoleId);
      if (listed && listed.publicKey !== input.publicKey) {
        const message = `console ${input.consoleId} is enrolled in the site file with another key; change the site file, not the desk`;
        throw new ConsoleError('conflict', message, [{ path: 'publicKey', message }]);
      }
      const by = approver();
      await ctx.journal.append({ kind: 'console.enrolled', payload: { ...input, ...(by !== undefined ? { approvedBy: by } : {}) } }, { actor: currentActor(ctx), allowSystem: true });
      return ctx.peers();
    },
  };
}
