import type { ConsoleHandlers } from '../../../shared/contract';
import { approver, currentActor, type CoreContext } from './context';

type Group<K extends keyof ConsoleHandlers> = Pick<ConsoleHandlers, K>;

/** Floor-plan setup (the desk's Plans section). */
export function siteHandlers(ctx: CoreContext): Group<'editSitePlan'> {
  return {
    editSitePlan: async (edit) => ctx.siteEditor.edit(edit, currentActor(ctx), approver()),
  };
}
