import { z } from 'zod';
import { kind } from '../journal/kindSpec';

/** Plan setup is recorded like every other action that matters. */
export const planKinds = {
  /** Written by the core's site editor after the site file is saved. */
  'site.plan-changed': kind({
    label: { en: 'Floor plan changed', 'zh-CN': '平面图变更' },
    system: true,
    payload: z.strictObject({
      floor: z.string().min(1).max(64),
      what: z.string().trim().min(1, 'must not be empty').max(500),
      /** The supervisor whose presence or PIN allowed it (four eyes), when not the actor. */
      approvedBy: z.string().max(64).optional(),
    }),
    text: (p) => `plan ${p.floor} ${p.what}`,
    summary: (p, c) => `${c.floor(p.floor)}${c.say({ en: ': ', 'zh-CN': '：' })}${p.what}`,
  }),
};

