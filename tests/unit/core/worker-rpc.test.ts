import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../shared/errors';
import { connectWorker, type Methods, type WorkerConnection } from '../../../electron/core/support/workerRpc';
import { repoRoot } from '../../support/paths';
import type { TestWorkerApi } from './fixtures/rpcWorker';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

function start<I extends TestWorkerApi & Methods<I>>(): { connection: WorkerConnection<I>; exited: Promise<number> } {
  const worker = new Worker(join(repoRoot, 'tests', 'support', 'tsWorker.mjs'), { workerData: { entry: join(repoRoot, 'tests', 'unit', 'core', 'fixtures', 'rpcWorker.ts') } });
  let exitedWith: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (exitedWith = resolve));
  const connection = connectWorker<I>(worker, {
    exitError: (code) => ({ code: 'unavailable', message: `test worker stopped (exit ${code})` }),
    onExit: (code) => exitedWith(code),
  });
  stops.push(() => connection.terminate());
  return { connection, exited };
}

async function rejection(promise: Promise<unknown>): Promise<ConsoleError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ConsoleError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('worker RPC', () => {
  it('round-trips typed calls, plain and async, and rebuilds thrown errors as ConsoleError', async () => {
    const { api } = start<TestWorkerApi>().connection;
    const sum: number = await api.add(2, 3);
    expect(sum).toBe(5);
    const [a, b] = await Promise.all([api.later('watch'), api.later('post')]);
    expect(a).toEqual({ text: 'watch', length: 5 });
    expect(b).toEqual({ text: 'post', length: 4 });
    const err = await rejection(api.missing('x'));
    expect(err.toData()).toEqual({ code: 'not-found', message: 'no thing "x"', issues: [{ path: 'id', message: 'unknown' }] });
  });

  it('answers a name outside the handlers (or inherited from Object), bad arguments and an unsendable result with a typed error, and keeps serving', async () => {
    const { connection } = start<TestWorkerApi & { nope(): number }>();
    const err = await rejection(connection.api.nope());
    expect(err.code).toBe('unknown-method');
    for (const name of ['toString', '__proto__', 'hasOwnProperty']) {
      expect((await rejection(connection.call(name, []))).code).toBe('unknown-method');
    }
    // What a confused sender could put on the wire, beyond what the typed client allows.
    expect((await rejection(connection.call('add', 'not a list' as unknown as readonly unknown[]))).code).toBe('invalid-argument');
    expect((await rejection(connection.api.uncloneable())).code).toBe('internal');
    expect(await connection.api.add(1, 1)).toBe(2);
  });

  it('rejects every pending call, and later ones, with the exit error when the worker exits', async () => {
    const { connection, exited } = start<TestWorkerApi>();
    const pending = [connection.api.hang(), connection.api.hang(), connection.api.hang()];
    await connection.api.add(0, 0); // the hangs have reached the worker
    void connection.api.exit(3).catch(() => undefined);
    expect(await exited).toBe(3);
    for (const p of pending) expect((await rejection(p)).toData()).toEqual({ code: 'unavailable', message: 'test worker stopped (exit 3)' });
    expect((await rejection(connection.api.add(1, 2))).code).toBe('unavailable');
  });
});
