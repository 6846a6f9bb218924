import type { MessagePort, Worker } from 'node:worker_threads';
import { ConsoleError, type ConsoleErrorData } from '../../../shared/errors';

// One request/reply channel for every worker thread of the core, derived from
// the interface the worker serves (as shared/contract derives the console's
// API; Signal's ClientInterfaceWrap<I> over its SQL interface): the worker
// passes an object of handlers that satisfies the interface, its keys are the
// only names it answers, and the caller gets the same methods as promises.
// A new worker method is one method on the interface and one handler.

/** On the wire: a call by name. Each request gets exactly one reply with its id. */
export interface RpcRequest {
  readonly id: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

export type RpcReply = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: ConsoleErrorData };

/** An interface of methods only (what a worker can serve). */
export type Methods<I> = { readonly [K in keyof I]: (...args: never) => unknown };

/** What the caller sees: every method of I, answered by the worker as a promise. */
export type WorkerClient<I extends Methods<I>> = {
  readonly [K in keyof I]: I[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** Calls a worker method by name; the promise settles with the worker's reply. */
export type CallWorker = (method: string, args: readonly unknown[]) => Promise<unknown>;

function isRequest(message: unknown): message is { id: number; method: unknown; args: unknown } {
  return typeof message === 'object' && message !== null && typeof (message as { id?: unknown }).id === 'number' && 'method' in message;
}

function isReply(message: unknown): message is RpcReply {
  return typeof message === 'object' && message !== null && typeof (message as { id?: unknown }).id === 'number' && typeof (message as { ok?: unknown }).ok === 'boolean';
}

/**
 * Answers requests on `port` with `handlers` (inside the worker). A handler
 * may return a promise: its reply is sent when it settles, in the order the
 * promises settle (the journal's group commit answers a batch this way).
 * A name that is not one of the handlers', or arguments that are not a list,
 * get a typed error back; a throwing handler too. Other messages are ignored.
 */
export function serveWorker<I extends Methods<I>>(port: MessagePort, handlers: I): void {
  const allowed = new Set(Object.keys(handlers));
  const fail = (id: number, err: unknown): void => port.postMessage({ id, ok: false, error: ConsoleError.toData(err) } satisfies RpcReply);
  const succeed = (id: number, value: unknown): void => {
    try {
      port.postMessage({ id, ok: true, value } satisfies RpcReply);
    } catch (err) {
      // A value structured clone cannot copy is the handler's bug: the caller hears of it, the worker lives on.
      fail(id, new ConsoleError('internal', `the reply could not be sent: ${err instanceof Error ? err.message : String(err)}`));
    }
  };
  const answer = (id: number, run: () => unknown): void => {
    let value: unknown;
    try {
      value = run();
    } catch (err) {
      fail(id, err);
      return;
    }
    if (value instanceof Promise) {
      value.then(
        (settled: unknown) => succeed(id, settled),
        (err: unknown) => fail(id, err),
      );
    } else succeed(id, value);
  };
  port.on('message', (message: unknown) => {
    if (!isRequest(message)) return;
    const { id, method, args } = message;
    answer(id, () => {
      if (typeof method !== 'string' || !allowed.has(method)) throw new ConsoleError('unknown-method', `the worker has no method "${String(method)}"`);
      if (!Array.isArray(args)) throw new ConsoleError('invalid-argument', `${method}: arguments must be a list`);
      const handler: unknown = Reflect.get(handlers, method);
      if (typeof handler !== 'function') throw new ConsoleError('unknown-method', `the worker has no method "${method}"`);
      // The arguments are the caller's, typed by the same interface on its side of the thread.
      const value: unknown = Reflect.apply(handler, handlers, args);
      return value;
    });
  });
}

export interface ConnectOptions {
  /** The error every waiting call is rejected with when the worker exits. */
  readonly exitError: (code: number) => ConsoleErrorData;
  /** Messages that are not replies (the worker's own events). */
  readonly onEvent?: (message: unknown) => void;
  /** After the pending calls were rejected. */
  readonly onExit?: (code: number) => void;
  readonly onError?: (err: Error) => void;
}

/** The caller's end of a worker channel. */
export interface WorkerConnection<I extends Methods<I>> {
  readonly api: WorkerClient<I>;
  readonly call: CallWorker;
  /** Stops the worker; calls still waiting are rejected with the exit error. */
  terminate(): Promise<void>;
}

/**
 * Requests with replies over a worker: a pending call per id, each settled by
 * its reply (errors rebuilt as ConsoleError), and all of them rejected with a
 * typed error if the worker exits. Calls after the exit are rejected the same way.
 */
export function connectWorker<I extends Methods<I>>(worker: Worker, options: ConnectOptions): WorkerConnection<I> {
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: unknown): void }>();
  let nextId = 1;
  let exited: ConsoleErrorData | undefined;
  worker.on('message', (message: unknown) => {
    if (!isReply(message)) {
      options.onEvent?.(message);
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(ConsoleError.fromData(message.error));
  });
  worker.on('error', (err) => options.onError?.(err));
  worker.on('exit', (code) => {
    exited = options.exitError(code);
    for (const waiter of pending.values()) waiter.reject(ConsoleError.fromData(exited));
    pending.clear();
    options.onExit?.(code);
  });
  const call: CallWorker = (method, args) => {
    if (exited) return Promise.reject(ConsoleError.fromData(exited));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args } satisfies RpcRequest);
    });
  };
  return {
    api: clientOf<I>(call),
    call,
    terminate: async () => {
      await worker.terminate();
    },
  };
}

/** Names probed on any object (by await, JSON and test printers) that must not become worker calls. */
const notMethods = new Set(['then', 'toJSON', 'constructor']);

/**
 * I's methods as calls through `call`, by name, with a Proxy: the interface
 * is the only list of them. Symbols and the names above are not methods, so
 * the client is never mistaken for a promise nor a printer's probe sent to the worker.
 */
export function clientOf<I extends Methods<I>>(call: CallWorker): WorkerClient<I> {
  const methods = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  const target = {};
  // The Proxy answers exactly the names of I (the type says which); the worker refuses any other.
  return new Proxy(target, {
    get(_target, name) {
      if (typeof name !== 'string' || notMethods.has(name)) return undefined;
      let method = methods.get(name);
      if (!method) {
        method = (...args: unknown[]) => call(name, args);
        methods.set(name, method);
      }
      return method;
    },
  }) as WorkerClient<I>;
}

/** Some methods of a client as a plain object (to be assigned onto a class that forwards them). */
export function pickMethods<T, K extends keyof T>(source: T, names: readonly K[]): Pick<T, K> {
  const picked: Partial<Pick<T, K>> = {};
  for (const name of names) picked[name] = source[name];
  // Every name of K was assigned just above.
  return picked as Pick<T, K>;
}
