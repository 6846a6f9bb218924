/** How the renderer reaches the core. IPC is always connected; WebSocket can drop. */
export type ConnectionState =
  | { readonly status: 'connected' }
  | { readonly status: 'connecting' }
  | { readonly status: 'offline'; readonly since: number; readonly reason: string };

export interface PlatformLink {
  readonly transport: 'ipc' | 'websocket';
  current(): ConnectionState;
  /** Called on every change; a reconnect after `offline` means state must be reloaded. */
  onChange(listener: (state: ConnectionState) => void): () => void;
}
