import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core';
import { holds, type AccessRole, type Requirement } from '../../../shared/access/roles';
import { consoleContract, methodNamesOf } from '../../../shared/contract';
import { methodAccess, methodRequirement } from '../../../shared/contract/access';
import type { IpcEnvelope } from '../../../shared/contract/wire';
import { TEST_PASSWORD } from '../../support/operators';
import { demoSiteFile } from '../../support/paths';
import { startConsole } from '../../support/siteConsoles';

/**
 * Every method of the contract, called through the core's gate by each kind
 * of caller. Arguments are left out on purpose: the gate answers before the
 * arguments are read, so a permitted call fails on its arguments
 * (`invalid-argument`) or runs, and a refused one is `forbidden`. Generated
 * from the contract: a method added without a requirement fails here (and
 * does not compile in shared/contract/access.ts).
 */
const methods = methodNamesOf(consoleContract);
type Caller = 'nobody' | AccessRole | 'operator+supervisor';

/** Methods that change the caller's own session when they succeed with no arguments: each gets a connection of its own. */
const SESSION_CHANGING = new Set<string>(['lockSession']);

function allowed(needed: Requirement, caller: Caller): boolean {
  if (needed === 'anyone' || needed === 'display') return true;
  if (caller === 'nobody') return false;
  if (caller === 'operator+supervisor') return needed === 'four-eyes' || holds('operator', needed);
  if (needed === 'four-eyes') return holds(caller, 'supervisor');
  return holds(caller, needed);
}

describe('the permission gate, every method × every role', () => {
  let desk: Core;
  let wall: Core;
  let n = 0;
  const dispatchAs = async (core: Core, signIn: readonly string[], name: string, args: unknown[]): Promise<IpcEnvelope> => {
    const connection = `perm:${++n}`;
    const dispatch = core.dispatcher();
    for (const accountId of signIn) {
      const r = await dispatch('signIn', [{ accountId, password: TEST_PASSWORD, reason: 'test' }], connection);
      expect(r.ok, `sign in ${accountId}: ${JSON.stringify(r)}`).toBe(true);
    }
    return dispatch(name, args, connection);
  };
  // One connection per caller kind, signed in once (scrypt is slow on purpose).
  const connections = new Map<Caller, string>();
  const callerPeople: Record<Caller, string[]> = {
    nobody: [],
    observer: ['eval-qian'],
    operator: ['op-he'],
    supervisor: ['duty-liu'],
    administrator: ['admin-it'],
    'operator+supervisor': ['duty-sun', 'op-ma'],
  };

  beforeAll(async () => {
    desk = await startConsole(demoSiteFile, 'desk');
    wall = await startConsole(demoSiteFile, 'wall');
    const dispatch = desk.dispatcher();
    for (const [caller, people] of Object.entries(callerPeople) as [Caller, string[]][]) {
      const connection = `caller:${caller}`;
      for (const accountId of people) {
        const r = await dispatch('signIn', [{ accountId, password: TEST_PASSWORD, reason: 'test' }], connection);
        expect(r.ok, `sign in ${accountId}: ${JSON.stringify(r)}`).toBe(true);
      }
      connections.set(caller, connection);
    }
  }, 60_000);
  afterAll(async () => {
    await desk.close();
    await wall.close();
  });

  it('every method of the contract declares what it needs', () => {
    const undeclared = methods.filter((m) => !Object.hasOwn(methodRequirement, m));
    expect(undeclared).toEqual([]);
    expect(Object.keys(methodRequirement).sort()).toEqual([...methods].sort());
  });

  for (const caller of Object.keys(callerPeople) as Caller[]) {
    it(`as ${caller}: exactly the methods its role holds get past the gate`, async () => {
      const wrong: string[] = [];
      for (const name of methods) {
        const needed = methodRequirement[name];
        const r = SESSION_CHANGING.has(name)
          ? await dispatchAs(desk, callerPeople[caller], name, [])
          : await desk.dispatcher()(name, [], connections.get(caller) as string);
        const refused = !r.ok && r.err.code === 'forbidden';
        if (refused === allowed(needed, caller)) wrong.push(`${name} (needs ${needed}): ${r.ok ? 'ok' : `${r.err.code} ${r.err.message}`}`);
        if (refused) expect(r.ok ? '' : r.err.message, name).toMatch(needed === 'four-eyes' ? /supervisor/ : new RegExp(`${needed}|nobody is signed in`));
      }
      expect(wrong).toEqual([]);
    }, 120_000);
  }

  it('a four-eyes refusal says a supervisor must approve (issue path "approval"), and refusals of changes are journaled', async () => {
    const r = await desk.dispatcher()('wallLiftMask', [{ camera: 'gate-02', maskIndex: 0, reason: 'check' }], connections.get('operator') as string);
    expect(r).toMatchObject({ ok: false, err: { code: 'forbidden', issues: [{ path: 'approval' }] } });
    const refused = (await desk.journal.query({ kinds: ['access.refused'], limit: 500 })).entries.map((e) => e.payload as { method: string; account: string | null });
    expect(refused).toContainEqual(expect.objectContaining({ method: 'wallLiftMask', account: 'op-he' }));
    // Reads refused are logged, not journaled: a display polling must not fill the record.
    expect(refused.every((p) => methodAccess[p.method as keyof typeof methodAccess] === 'changes')).toBe(true);
  });

  it('a wall station is a display: nobody signs in, and only what a screen needs to show the site gets through', async () => {
    const dispatch = wall.dispatcher();
    expect(await dispatch('signIn', [{ accountId: 'duty-liu', password: TEST_PASSWORD }], 'w1')).toMatchObject({ ok: false, err: { code: 'forbidden', message: expect.stringMatching(/wall station/) as string } });
    const wrong: string[] = [];
    for (const name of methods) {
      const needed = methodRequirement[name];
      if (needed === 'anyone') continue;
      const r = await dispatch(name, [], 'w1');
      const refused = !r.ok && r.err.code === 'forbidden';
      if (refused !== (needed !== 'display')) wrong.push(`${name} (${needed}): ${r.ok ? 'ok' : r.err.code}`);
    }
    expect(wrong).toEqual([]);
    expect(await dispatch('acknowledgeAlert', [{ alertId: 'x' }], 'w1')).toMatchObject({ ok: false, err: { code: 'forbidden', message: expect.stringMatching(/display/) as string } });
  }, 60_000);
});
