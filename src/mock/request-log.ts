/** One line of the recent-request log that the admin API serves. */
export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  /** A short, non-reversible name of the tenant: never the bearer token itself. */
  tenant: string;
  /** The error message when the request was rejected (validation problems included). */
  problem?: string;
}

/** A ring buffer: memory stays bounded however many requests arrive. */
export class RequestLog {
  readonly #entries: (LoggedRequest | undefined)[];
  #next = 0;
  #count = 0;

  constructor(readonly capacity = 500) {
    this.#entries = new Array(capacity);
  }

  add(entry: LoggedRequest): void {
    if (this.capacity === 0) return;
    this.#entries[this.#next] = entry;
    this.#next = (this.#next + 1) % this.capacity;
    this.#count = Math.min(this.#count + 1, this.capacity);
  }

  /** The newest first, at most `limit`. */
  recent(limit = this.capacity): LoggedRequest[] {
    const out: LoggedRequest[] = [];
    for (let i = 1; i <= Math.min(limit, this.#count); i++) {
      const entry = this.#entries[(this.#next - i + this.capacity) % this.capacity];
      if (entry) out.push(entry);
    }
    return out;
  }

  clear(): void {
    this.#entries.fill(undefined);
    this.#next = 0;
    this.#count = 0;
  }
}
