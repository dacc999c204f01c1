import type { ChunkedBody } from './types.ts';

/** Publishes to whoever listens now: no history, nothing kept when nobody listens. */
export class LiveFeed<T> {
  readonly #listeners = new Set<(item: T) => void>();
  readonly #closers = new Set<() => void>();

  get listening(): boolean {
    return this.#listeners.size > 0;
  }

  publish(item: T): void {
    for (const listener of this.#listeners) listener(item);
  }

  subscribe(listener: (item: T) => void, onClose: () => void): () => void {
    this.#listeners.add(listener);
    this.#closers.add(onClose);
    return () => {
      this.#listeners.delete(listener);
      this.#closers.delete(onClose);
    };
  }

  /** Ends every subscription (the server is closing: open streams must not hold it up). */
  close(): void {
    for (const close of [...this.#closers]) close();
    this.#listeners.clear();
    this.#closers.clear();
  }
}

export interface EventStreamOptions {
  /** A comment line this often keeps proxies from closing a quiet stream. Default 15 s. */
  heartbeatMs?: number;
  /** Events held for a client that reads slowly; past it the oldest are dropped and it is told. */
  maxPending?: number;
}

const encoder = new TextEncoder();

/**
 * A feed as a Server-Sent Events body: one `data:` event per item that `format` keeps (undefined
 * skips it). The stream ends when the client goes (the adapter stops pulling and calls `return`)
 * or the feed closes. A client too slow to keep up loses the oldest events, never the server's
 * memory: it gets an `event: dropped` with how many.
 */
export function eventStream<T>(
  feed: LiveFeed<T>,
  format: (item: T) => string | undefined,
  options: EventStreamOptions = {},
): ChunkedBody {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxPending = options.maxPending ?? 1000;
  const pending: string[] = [': connected\n\n'];
  let dropped = 0;
  let closed = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const unsubscribe = feed.subscribe(
    (item) => {
      const data = format(item);
      if (data === undefined) return;
      if (pending.length >= maxPending) {
        pending.shift();
        dropped += 1;
      }
      pending.push(`data: ${data}\n\n`);
      notify();
    },
    () => {
      closed = true;
      notify();
    },
  );
  const heartbeat = setInterval(() => {
    pending.push(': heartbeat\n\n');
    notify();
  }, heartbeatMs);
  const stop = () => {
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
  };
  async function* events(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        if (dropped > 0) {
          yield encoder.encode(`event: dropped\ndata: ${dropped}\n\n`);
          dropped = 0;
        }
        const next = pending.shift();
        if (next !== undefined) {
          yield encoder.encode(next);
          continue;
        }
        if (closed) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      stop();
    }
  }
  const iterator = events();
  // A generator's own `return` skips its `finally` when it never started (a HEAD, a client gone
  // before the first pull): this one always unsubscribes, and wakes a pull that is waiting.
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => iterator.next(),
      return: (value?: unknown) => {
        stop();
        notify();
        return iterator.return(value as undefined);
      },
    }),
  };
}
