import { z } from 'zod';
import { kind } from '../journal/kindSpec';
import { EnrolledConsoleSchema } from '../site/schema';

/** What a supervisor gives to enroll a console at the desk (`enrollConsole`). */
export const EnrollConsoleSchema = z.strictObject({
  consoleId: EnrolledConsoleSchema.shape.id,
  publicKey: EnrolledConsoleSchema.shape.publicKey,
  name: EnrolledConsoleSchema.shape.name,
  /** Why: how the key was checked (read off the console's own screen, by whom). */
  reason: z.string().trim().min(1, 'say why this console is trusted').max(500),
});
export type EnrollConsole = z.infer<typeof EnrollConsoleSchema>;

/**
 * A console of the site enrolled at a desk (beside the site file's
 * `consoles` list): from this entry on, entries signed with its key count at
 * every console that folds this one's journal. The actor is the supervisor.
 */
export const syncKinds = {
  'console.enrolled': kind({
    label: { en: 'Console enrolled', 'zh-CN': '控制台登记' },
    system: true,
    payload: EnrollConsoleSchema.extend({
      /** The supervisor whose presence or PIN allowed it (four eyes), when not the actor. */
      approvedBy: z.string().max(64).optional(),
    }),
    text: (p) => `console ${p.consoleId} ${p.name ?? ''} enrolled ${p.reason}`,
    summary: (p, c) => c.say({ en: `Console ${p.name ?? p.consoleId} enrolled: ${p.reason}`, 'zh-CN': `控制台 ${p.name ?? p.consoleId} 已登记：${p.reason}` }),
  }),
};
