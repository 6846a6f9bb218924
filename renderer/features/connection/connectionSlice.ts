import type { ConnectionState } from '../../platform/connection';
import type { SliceCreator } from '../../app/store';

export interface ConnectionSlice {
  readonly connection: ConnectionState;
  connectionChanged(state: ConnectionState): void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = () => (set, get) => ({
  connection: { status: 'connecting' },
  connectionChanged: (state) => {
    const wasDown = get().connection.status !== 'connected';
    set({ connection: state });
    // Events may have been missed while the link was down: reload the state.
    if (state.status === 'connected' && wasDown && get().bootstrap) {
      void get().load();
      // A new link is a new session on the host (nobody signed in on it yet): the desk asks again.
      void get().loadSession();
    }
  },
});
