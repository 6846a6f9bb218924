import type { ClientApi, ContractShape, Unsubscribe } from './define';

export interface ClientTransport {
  call(name: string, args: unknown[]): Promise<unknown>;
  listen(name: string, listener: (payload: unknown) => void): Unsubscribe;
}

/**
 * Builds the caller's side of a contract over any transport: one function per
 * member, named and shaped by the contract. Used by the preload (IPC) and the
 * renderer's WebSocket client, so neither can drift from the contract.
 */
export function buildClient<C extends ContractShape>(contract: C, transport: ClientTransport): ClientApi<C> {
  const api: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(contract)) {
    api[name] =
      def.kind === 'method'
        ? (...args: unknown[]) => transport.call(name, args)
        : (listener: (payload: unknown) => void) => transport.listen(name, listener);
  }
  return Object.freeze(api) as ClientApi<C>;
}
