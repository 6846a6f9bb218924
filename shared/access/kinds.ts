import { z } from 'zod';
import { kind } from '../journal/kindSpec';
import { AccessRoleSchema } from './roles';
import { AccountIdSchema, ReasonSchema } from './session';

const Account = AccountIdSchema;
const Station = z.enum(['desk', 'wall', 'replay']);

/**
 * Who was at the desk, and what the console refused: the journal's `actor` is
 * only as good as these. All are written by the console itself (system); the
 * actor of a sign-in, a lock or an unlock is the person, of a failure the
 * console (the name typed was not proven). No secret ever goes in an entry.
 */
export const accessKinds = {
  'operator.signedIn': kind({
    label: { en: 'Signed in', 'zh-CN': '登录' },
    system: true,
    payload: z.strictObject({
      account: Account,
      role: AccessRoleSchema,
      station: Station,
      /** Given when signing in outside one's shift (or on a handover that warned). */
      reason: ReasonSchema.optional(),
      /** What the sign-in warned about (not on shift now, not the next shift, shifts in a row too long). */
      warnings: z.array(z.enum(['off-shift', 'not-next-shift', 'long-duty'])).max(3).optional(),
      /** The handover entry accepted by this sign-in. */
      handover: z.string().optional(),
    }),
    text: (p) => `${p.account} ${p.reason ?? ''}`,
    summary: (p, c) => {
      const why = p.reason ? c.say({ en: ` (outside the shift: ${p.reason})`, 'zh-CN': `（非本班次：${p.reason}）` }) : '';
      const handover = p.handover ? c.say({ en: ', accepting the handover', 'zh-CN': '，接班' }) : '';
      return c.say({ en: `${c.person(p.account)} signed in as ${p.role}${handover}${why}`, 'zh-CN': `${c.person(p.account)} 以${roleZh[p.role]}身份登录${handover}${why}` });
    },
  }),
  'operator.signedOut': kind({
    label: { en: 'Signed out', 'zh-CN': '退出登录' },
    system: true,
    payload: z.strictObject({ account: Account, why: z.enum(['sign-out', 'handover', 'disabled', 'restart', 'connection-closed']) }),
    text: (p) => p.account,
    summary: (p, c) => c.say({ en: `${c.person(p.account)} signed out (${p.why})`, 'zh-CN': `${c.person(p.account)} 退出登录（${whyZh[p.why]}）` }),
  }),
  'operator.signInFailed': kind({
    label: { en: 'Sign-in failed', 'zh-CN': '登录失败' },
    system: true,
    payload: z.strictObject({ account: z.string().max(64), by: z.enum(['password', 'pin']), failures: z.number().int().positive() }),
    text: (p) => p.account,
    summary: (p, c) => c.say({ en: `Failed ${p.by} for ${c.person(p.account)} (${p.failures} in 10 min)`, 'zh-CN': `${c.person(p.account)} ${p.by === 'pin' ? 'PIN' : '密码'}错误（10 分钟内 ${p.failures} 次）` }),
  }),
  'operator.lockedOut': kind({
    label: { en: 'Account locked out', 'zh-CN': '账户锁定' },
    system: true,
    payload: z.strictObject({ account: Account, failures: z.number().int().positive(), minutes: z.number().int().positive() }),
    text: (p) => p.account,
    summary: (p, c) => c.say({ en: `${c.person(p.account)} locked out for ${p.minutes} min after ${p.failures} failures`, 'zh-CN': `${c.person(p.account)} 连续失败 ${p.failures} 次，锁定 ${p.minutes} 分钟` }),
  }),
  'operator.lockoutLifted': kind({
    label: { en: 'Lockout lifted', 'zh-CN': '解除锁定' },
    system: true,
    payload: z.strictObject({ account: Account, reason: ReasonSchema }),
    text: (p) => `${p.account} ${p.reason}`,
    summary: (p, c) => c.say({ en: `Lockout of ${c.person(p.account)} lifted: ${p.reason}`, 'zh-CN': `已解除 ${c.person(p.account)} 的锁定：${p.reason}` }),
  }),
  'operator.locked': kind({
    label: { en: 'Desk locked', 'zh-CN': '锁屏' },
    system: true,
    payload: z.strictObject({ why: z.enum(['idle', 'operator']), people: z.array(Account).max(2) }),
    text: () => '',
    summary: (p, c) => (p.why === 'idle' ? c.say({ en: 'Desk locked after the idle time', 'zh-CN': '空闲超时，已锁屏' }) : c.say({ en: 'Desk locked', 'zh-CN': '已锁屏' })),
  }),
  'operator.unlocked': kind({
    label: { en: 'Desk unlocked', 'zh-CN': '解锁' },
    system: true,
    payload: z.strictObject({ account: Account }),
    text: (p) => p.account,
    summary: (p, c) => c.say({ en: `${c.person(p.account)} unlocked the desk`, 'zh-CN': `${c.person(p.account)} 解锁` }),
  }),
  'operator.switched': kind({
    label: { en: 'Keyboard taken', 'zh-CN': '切换操作员' },
    system: true,
    payload: z.strictObject({ account: Account }),
    text: (p) => p.account,
    summary: (p, c) => c.say({ en: `${c.person(p.account)} took the keyboard`, 'zh-CN': `${c.person(p.account)} 接管键盘` }),
  }),
  'account.enrolled': kind({
    label: { en: 'Account enrolled', 'zh-CN': '账户登记' },
    system: true,
    payload: z.strictObject({ account: Account, name: z.string().max(80), role: AccessRoleSchema, first: z.boolean().optional() }),
    text: (p) => `${p.account} ${p.name}`,
    summary: (p, c) =>
      p.first
        ? c.say({ en: `First administrator ${p.name} set up`, 'zh-CN': `首个管理员 ${p.name} 已设置` })
        : c.say({ en: `Account ${p.name} enrolled as ${p.role}`, 'zh-CN': `已登记账户 ${p.name}，角色：${roleZh[p.role]}` }),
  }),
  'account.reset': kind({
    label: { en: 'Credentials reset', 'zh-CN': '重置凭据' },
    system: true,
    payload: z.strictObject({ account: Account, what: z.array(z.enum(['password', 'pin'])).min(1).max(2), reason: ReasonSchema }),
    text: (p) => `${p.account} ${p.reason}`,
    summary: (p, c) => c.say({ en: `New ${p.what.join(' and ')} for ${c.person(p.account)}: ${p.reason}`, 'zh-CN': `已为 ${c.person(p.account)} 重置${p.what.map((w) => (w === 'pin' ? 'PIN' : '密码')).join('和')}：${p.reason}` }),
  }),
  'account.disabled': kind({
    label: { en: 'Account disabled', 'zh-CN': '账户停用' },
    system: true,
    payload: z.strictObject({ account: Account, disabled: z.boolean(), reason: ReasonSchema }),
    text: (p) => `${p.account} ${p.reason}`,
    summary: (p, c) =>
      p.disabled
        ? c.say({ en: `Account ${c.person(p.account)} disabled: ${p.reason}`, 'zh-CN': `已停用账户 ${c.person(p.account)}：${p.reason}` })
        : c.say({ en: `Account ${c.person(p.account)} enabled again: ${p.reason}`, 'zh-CN': `已重新启用账户 ${c.person(p.account)}：${p.reason}` }),
  }),
  /** A call the console refused for want of a role (changes only: reads refused are logged, not journaled). */
  'access.refused': kind({
    label: { en: 'Action refused', 'zh-CN': '操作被拒绝' },
    system: true,
    payload: z.strictObject({ method: z.string().max(64), needed: z.string().max(32), account: Account.nullable(), station: Station }),
    text: (p) => `${p.method} ${p.needed}`,
    summary: (p, c) =>
      c.say({
        en: `${p.account ? c.person(p.account) : 'Nobody signed in'}: ${p.method} refused (needs ${p.needed})`,
        'zh-CN': `${p.account ? c.person(p.account) : '未登录'}：${p.method} 被拒绝（需要 ${p.needed}）`,
      }),
  }),
};

const roleZh = { observer: '观察员', operator: '值班员', supervisor: '值班长', administrator: '管理员' } as const;
const whyZh = { 'sign-out': '主动退出', handover: '交接班', disabled: '账户停用', restart: '重启', 'connection-closed': '连接关闭' } as const;
