import { LRUCache } from 'lru-cache';
import type { SpecOperation } from '../spec/types.ts';
import type { Verdict } from './judge-exchange.ts';
import { judgePage, type SortOrder, startWalk, type WalkState } from './pagination-walk.ts';
import type { Exchange } from './types.ts';

/** A walk a client took from the first page to the last: what the list held, for the item tracker. */
export interface CompletedWalk {
  ids: string[];
  /** The tick (see `judge`) of its first page. */
  startedAt: number;
}

export interface PageJudgement {
  verdict: Verdict;
  completed?: CompletedWalk;
}

export interface WalkTracker {
  /**
   * Judges a page of a paginated list as part of the walk the client is making: a first page (no
   * `nextToken`) starts a walk, a page asked with a `nextToken` a page of this walk handed out continues
   * it. `client` separates walks of different callers (their tokens may be equal); `tick` orders exchanges.
   * Undefined when the exchange is not a page to judge.
   */
  judge(
    op: SpecOperation,
    exchange: Exchange,
    query: URLSearchParams,
    client: string,
    tick: number,
  ): PageJudgement | undefined;
}

interface Followed {
  walk: WalkState;
  startedAt: number;
  /** Started from the first page with no filter: its items are the whole list. */
  whole: boolean;
}

// Parameters that only shape the pages; anything else may filter the list.
const PAGING = new Set(['pageSize', 'sortOrder', 'nextToken']);

/** `maxWalks`: walks in progress kept at once; the least recently continued is forgotten first. */
export function createWalkTracker(maxWalks = 1000): WalkTracker {
  const walks = new LRUCache<string, Followed>({ max: maxWalks });
  return {
    judge(op, exchange, query, client, tick) {
      if (!op.paginated || op.method !== 'get') return undefined;
      const token = query.get('nextToken');
      const key = (next: string) =>
        `${client}\u0000${op.operationId}\u0000${exchange.request.url.split('?')[0]}\u0000${next}`;
      let followed = token === null ? undefined : walks.get(key(token));
      // A refused first page (a bad pageSize) is the request's business; a refused token the server
      // handed out itself is the walk's.
      if (exchange.response.status !== 200 && !followed) return undefined;
      if (token !== null) walks.delete(key(token));
      if (!followed) {
        const size = Number(query.get('pageSize') ?? Number.NaN);
        const order = query.get('sortOrder');
        followed = {
          walk: startWalk(
            `walk of ${op.method.toUpperCase()} ${op.path}${token === null ? '' : ' (joined mid-walk)'}`,
            token === null && Number.isInteger(size) ? size : undefined,
            token === null && (order === 'ASC' || order === 'DESC') ? (order as SortOrder) : undefined,
          ),
          startedAt: tick,
          whole: token === null && [...query.keys()].every((name) => PAGING.has(name)),
        };
      }
      const verdict = judgePage(followed.walk, exchange);
      const judgement: PageJudgement = { verdict: { check: 'pagination', failures: verdict.failures } };
      if (verdict.nextToken !== undefined && !verdict.stop) walks.set(key(verdict.nextToken), followed);
      else if (verdict.nextToken === undefined && verdict.failures.length === 0 && followed.whole)
        judgement.completed = { ids: followed.walk.ids, startedAt: followed.startedAt };
      return judgement;
    },
  };
}
