// setImmediate/clearImmediate where the platform has none (a web worker): the server yields to
// the event loop with them (diagnostics batches, scan slices). One MessageChannel turn each, which
// unlike setTimeout(0) is not clamped to 4 ms when nested. On Node this does nothing.
type Task = () => void;

export function installImmediate(): void {
  const g = globalThis as unknown as { setImmediate?: unknown; clearImmediate?: unknown; MessageChannel?: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(v: unknown): void } } };
  if (typeof g.setImmediate === 'function' || !g.MessageChannel) return;
  const tasks = new Map<number, Task>();
  const order: number[] = [];
  let next = 1;
  const channel = new g.MessageChannel();
  channel.port1.onmessage = () => {
    const id = order.shift();
    const task = id === undefined ? undefined : tasks.get(id);
    if (id !== undefined) tasks.delete(id);
    task?.();
  };
  g.setImmediate = (fn: (...a: unknown[]) => void, ...args: unknown[]) => {
    const id = next++;
    tasks.set(id, () => fn(...args));
    order.push(id);
    channel.port2.postMessage(0);
    return id;
  };
  g.clearImmediate = (id: number) => { tasks.delete(id); };
}
