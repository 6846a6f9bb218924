// Operators (issue 15): the cost of checking a password and a PIN with the
// parameters the console uses (electron/core/access/credentials.ts), and the
// permission gate's cost per contract call (access/gate.ts: the method's
// requirement against the caller's session, then the call run as that person),
// on a real core with an operator and a supervisor signed in. Prints JSON.
//   BENCH_OPERATORS_VERIFIES  password and PIN checks timed (30 each)
//   BENCH_OPERATORS_CALLS     gated calls timed (200,000)
import { methodNamesOf, consoleContract } from '../../shared/contract';
import { methodRequirement } from '../../shared/contract/access';
import { accessGuard } from '../../electron/core/access';
import { PASSWORD_COST, PIN_COST, hashSecret, verifySecret } from '../../electron/core/access/credentials';
import { connectionTo, signedIn, TEST_PASSWORD } from '../support/operators';
import { demoSiteFile } from '../support/paths';
import { startConsole } from '../support/siteConsoles';
import { summarize } from './stats';

const VERIFIES = Number(process.env.BENCH_OPERATORS_VERIFIES ?? 30);
const CALLS = Number(process.env.BENCH_OPERATORS_CALLS ?? 200_000);

async function verifyMs(secret: string, cost: { N: number; r: number; p: number }): Promise<ReturnType<typeof summarize>> {
  const stored = await hashSecret(secret, cost);
  const times: number[] = [];
  for (let i = 0; i < VERIFIES; i++) {
    const t = performance.now();
    if (!(await verifySecret(secret, stored))) throw new Error('verify failed');
    times.push(performance.now() - t);
  }
  return summarize(times);
}

const password = await verifyMs('a long passphrase of a control room', PASSWORD_COST);
const pin = await verifyMs('480213', PIN_COST);

const core = await startConsole(demoSiteFile);
try {
  // An operator with a supervisor beside them: the four-eyes path looks at both people.
  const { connection } = connectionTo(core);
  const dispatch = core.dispatcher();
  for (const accountId of ['duty-liu', 'op-he']) {
    const r = await dispatch('signIn', [{ accountId, password: TEST_PASSWORD, reason: 'bench' }], connection);
    if (!r.ok) throw new Error(r.err.message);
  }
  await signedIn(core, 'op-ma');
  const guard = accessGuard(core.access.sessions, { log: core.log, monotonic: () => performance.now(), refused: () => undefined });
  const noop = async (): Promise<null> => null;
  // The methods this desk's keyboard owner may call (a refusal is an exception, not the everyday path).
  const methods: string[] = [];
  for (const m of methodNamesOf(consoleContract)) if (await guard(m, connection, noop).then(() => true, () => false)) methods.push(m);
  // Warm-up, then timed rounds over every method in turn (reads, changes, four eyes).
  for (let i = 0; i < 20_000; i++) await guard(methods[i % methods.length] as string, connection, noop);
  const rounds: number[] = [];
  const perRound = 10_000;
  for (let r = 0; r < CALLS / perRound; r++) {
    const t = performance.now();
    for (let i = 0; i < perRound; i++) await guard(methods[i % methods.length] as string, connection, noop);
    rounds.push(((performance.now() - t) * 1000) / perRound);
  }
  // The same loop with no gate: what an awaited call costs by itself, so the gate's own share is plain.
  const bare: number[] = [];
  for (let r = 0; r < CALLS / perRound; r++) {
    const t = performance.now();
    for (let i = 0; i < perRound; i++) await noop();
    bare.push(((performance.now() - t) * 1000) / perRound);
  }
  const gated = summarize(rounds);
  const ungated = summarize(bare);
  process.stdout.write(
    `${JSON.stringify(
      {
        passwordVerifyMs: { ...password, cost: PASSWORD_COST, goal: '50–250 ms' },
        pinVerifyMs: { ...pin, cost: PIN_COST, goal: '<= 100 ms' },
        permissionCheckUs: {
          perCall: gated.p50,
          roundsUs: gated,
          bareAwaitUs: ungated.p50,
          methods: methods.length,
          refusedMethods: methodNamesOf(consoleContract).length - methods.length,
          requirements: [...new Set(Object.values(methodRequirement))],
          note: 'µs per gated call (requirement lookup, session check, running the handler as the person at the keyboard), median over rounds of 10,000 calls cycling through every contract method an operator with a supervisor beside them may call; bareAwaitUs is the same loop without the gate',
          goal: '<= 5 µs',
        },
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await core.close();
}
