import { HeatEngine, type HeatRequest } from './heatEngine';

/**
 * The heat map worker: density and colouring happen here so a 100,000-event
 * window never blocks input on the main thread. The bitmap is transferred,
 * not copied.
 */
interface WorkerScope {
  onmessage: ((event: MessageEvent<HeatRequest>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const engine = new HeatEngine();

scope.onmessage = (event) => {
  const frame = engine.handle(event.data);
  if (frame) scope.postMessage(frame, [frame.bitmap]);
};
