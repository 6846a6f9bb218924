import type { z } from 'zod';

/**
 * Building blocks of the contract. A method has an argument tuple schema
 * (validated on the receiving side of every boundary) and a result schema
 * (the type the caller gets). An event has a payload schema.
 */
export interface MethodDef<A extends z.ZodTuple = z.ZodTuple, R extends z.ZodType = z.ZodType> {
  readonly kind: 'method';
  readonly args: A;
  readonly result: R;
}

export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
}

export function method<A extends z.ZodTuple, R extends z.ZodType>(args: A, result: R): MethodDef<A, R> {
  return { kind: 'method', args, result };
}

export function event<P extends z.ZodType>(payload: P): EventDef<P> {
  return { kind: 'event', payload };
}

export type ContractShape = Readonly<Record<string, MethodDef | EventDef>>;

export type Unsubscribe = () => void;

export type MethodNames<C extends ContractShape> = {
  [K in keyof C]: C[K] extends MethodDef ? K : never;
}[keyof C] &
  string;

export type EventNames<C extends ContractShape> = {
  [K in keyof C]: C[K] extends EventDef ? K : never;
}[keyof C] &
  string;

/** What a caller sees: methods return promises, events are `onX(listener) => unsubscribe`. */
export type ClientApi<C extends ContractShape> = {
  readonly [K in keyof C]: C[K] extends MethodDef<infer A, infer R>
    ? (...args: z.input<A>) => Promise<z.output<R>>
    : C[K] extends EventDef<infer P>
      ? (listener: (payload: z.output<P>) => void) => Unsubscribe
      : never;
};

/** What the core implements for each method: it receives arguments already parsed. */
export type MethodHandlers<C extends ContractShape> = {
  readonly [K in MethodNames<C>]: C[K] extends MethodDef<infer A, infer R>
    ? (...args: z.output<A>) => Promise<z.output<R>>
    : never;
};

export type EventPayload<C extends ContractShape, K extends EventNames<C>> =
  C[K] extends EventDef<infer P> ? z.output<P> : never;

/** The core's side of events: one emitter for every event in the contract. */
export interface EventSource<C extends ContractShape> {
  subscribe<K extends EventNames<C>>(name: K, listener: (payload: EventPayload<C, K>) => void): Unsubscribe;
}

export function methodNamesOf<C extends ContractShape>(contract: C): MethodNames<C>[] {
  return Object.keys(contract).filter((k) => contract[k]?.kind === 'method') as MethodNames<C>[];
}

export function eventNamesOf<C extends ContractShape>(contract: C): EventNames<C>[] {
  return Object.keys(contract).filter((k) => contract[k]?.kind === 'event') as EventNames<C>[];
}

/** IPC channel for a contract member; one prefix so the main process can refuse anything else. */
export const channelOf = (name: string): string => `console:${name}`;
