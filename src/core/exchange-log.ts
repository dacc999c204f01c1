import { LRUCache } from 'lru-cache';
import type { RawLoggedRequest } from './request-log.ts';

/** What the inspector shows of one request on click: what was sent and what came back. */
export interface Exchange {
  /** The log's line, unformatted; its token decides who may see the exchange, and is scrubbed. */
  entry: RawLoggedRequest;
  request: { headers: Readonly<Record<string, string | undefined>>; body?: Uint8Array };
  response: { headers: Readonly<Record<string, string>>; body?: string | Uint8Array };
}

/**
 * The bodies behind the request log, by request id. Kept apart from the log because they weigh
 * a hundred times more: the log keeps 500 lines a tenant, this keeps the newest exchanges within a
 * byte budget. A shared implementation (Redis) would keep them where every instance reads them.
 */
export interface ExchangeLogPort {
  keep(id: string, exchange: Exchange): void;
  get(id: string): Exchange | undefined | Promise<Exchange | undefined>;
}

/** Headers and the request line of an exchange, for the byte budget. */
const OVERHEAD_BYTES = 512;

const sizeOf = (body: string | Uint8Array | undefined) =>
  body === undefined ? 0 : typeof body === 'string' ? body.length : body.byteLength;

/**
 * The newest exchanges within `maxBytes` (bodies counted in bytes or UTF-16 units, plus a fixed
 * overhead): keeping one costs a map insert and a reference to bodies that exist anyway (the answer
 * is serialized once, for the client); nothing is copied or formatted until someone looks.
 */
export class MemoryExchangeLog implements ExchangeLogPort {
  readonly #cache: LRUCache<string, Exchange> | undefined;

  constructor(maxBytes: number) {
    this.#cache =
      maxBytes > 0
        ? new LRUCache<string, Exchange>({
            maxSize: maxBytes,
            sizeCalculation: (exchange) =>
              OVERHEAD_BYTES + sizeOf(exchange.request.body) + sizeOf(exchange.response.body),
          })
        : undefined;
  }

  keep(id: string, exchange: Exchange): void {
    const cache = this.#cache;
    if (cache === undefined) return;
    // One exchange larger than the whole budget is not kept (lru-cache would refuse it anyway).
    if (OVERHEAD_BYTES + sizeOf(exchange.request.body) + sizeOf(exchange.response.body) > cache.maxSize)
      return;
    cache.set(id, exchange);
  }

  get(id: string): Exchange | undefined {
    return this.#cache?.get(id);
  }
}
