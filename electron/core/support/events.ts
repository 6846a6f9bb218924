import type { ContractShape, EventNames, EventPayload, EventSource, Unsubscribe } from '../../../shared/contract';

/**
 * The core's event hub: typed by the contract, synchronous, and isolated —
 * a listener that throws is logged and does not stop the others.
 */
export class EventHub<C extends ContractShape> implements EventSource<C> {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(private readonly onListenerError: (name: string, err: unknown) => void) {}

  subscribe<K extends EventNames<C>>(name: K, listener: (payload: EventPayload<C, K>) => void): Unsubscribe {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    const entry = listener as (payload: unknown) => void;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  emit<K extends EventNames<C>>(name: K, payload: EventPayload<C, K>): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (err) {
        this.onListenerError(name, err);
      }
    }
  }

  listenerCount(name: EventNames<C>): number {
    return this.listeners.get(name)?.size ?? 0;
  }
}
