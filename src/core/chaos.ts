import { LRUCache } from 'lru-cache';
import { seededRandom } from '../shared/seeded-random.ts';

/** Server-wide scenario settings (`--latency`, `--error-rate`, `--rate-limit`). */
export interface ChaosOptions {
  /** Added latency in ms, drawn uniformly from [min, max]. */
  latency?: { min: number; max: number };
  /** Share of requests (0–1) answered with an injected 500. */
  errorRate?: number;
  /** Requests per second allowed per tenant; past it, 429 with Retry-After. */
  rateLimit?: number;
  /** Seeds the draws, so a run's faults are reproducible. */
  seed?: number;
}

export interface Chaos {
  /** Milliseconds to wait before answering (0 when no latency is configured). */
  delay(): number;
  /** True when this request should fail with an injected 500. */
  shouldFail(): boolean;
  /** Seconds to wait when the tenant is over its rate, or 0 to go on. */
  retryAfter(tenant: string, nowMs: number): number;
}

export function createChaos(options: ChaosOptions = {}): Chaos {
  const random = seededRandom(options.seed ?? 1);
  const { latency, errorRate = 0, rateLimit } = options;
  // A token bucket per tenant, bounded so that many tokens cannot grow memory without limit.
  const buckets = new LRUCache<string, { tokens: number; at: number }>({ max: 10_000 });
  return {
    delay: () => (latency ? Math.round(latency.min + random() * (latency.max - latency.min)) : 0),
    shouldFail: () => errorRate > 0 && random() < errorRate,
    retryAfter(tenant, nowMs) {
      if (!rateLimit) return 0;
      const bucket = buckets.get(tenant) ?? { tokens: rateLimit, at: nowMs };
      bucket.tokens = Math.min(rateLimit, bucket.tokens + ((nowMs - bucket.at) / 1000) * rateLimit);
      bucket.at = nowMs;
      buckets.set(tenant, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / rateLimit));
    },
  };
}

/** Parses `--latency 50-200` or `--latency 100`. */
export function parseLatency(text: string): { min: number; max: number } | undefined {
  const match = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(text.trim());
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  return max >= min ? { min, max } : undefined;
}
