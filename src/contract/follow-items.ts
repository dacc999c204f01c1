import { isDeepStrictEqual } from 'node:util';
import { LRUCache } from 'lru-cache';
import { keyOfItem, operationOf, resourceAt, resourceOfItem } from '../spec/resources/model-lookup.ts';
import type { ResourceModel } from '../spec/resources/resource-types.ts';
import type { SpecOperation } from '../spec/types.ts';
import { judgePatch } from './checks/judge-patch.ts';
import { judgeAvailable } from './checks/resource-availability.ts';
import { agreeOnSharedFields } from './checks/stateful-lifecycle.ts';
import { judgeAfterDelete } from './checks/use-after-free.ts';
import { describeFailure } from './describe-failure.ts';
import type { CompletedWalk } from './follow-walks.ts';
import type { Verdict } from './judge-exchange.ts';
import type { CheckFailure, Exchange } from './types.ts';

type Item = Record<string, unknown>;

interface Known {
  /** The item as last seen (read, created or patched). */
  item?: Item;
  /** What the last write returned, until the next read compares with it. */
  written?: { item: Item; what: string };
  deleted: boolean;
  /** The tick it was created at, when the client created it. */
  createdAt?: number;
}

export interface ItemTracker {
  /** The lifecycle judgements of one exchange on an item or a create; `client` keeps tenants apart. */
  judge(
    op: SpecOperation,
    exchange: Exchange,
    pathValues: string[],
    sent: unknown,
    client: string,
    tick: number,
  ): Verdict[];
  /** A whole list walked to its end: every item the client created before the walk and not deleted is in it. */
  judgeWalk(op: SpecOperation, walk: CompletedWalk, exchange: Exchange, client: string): Verdict[];
}

const ok = (status: number) => status >= 200 && status < 300;
const lifecycle = (failures: CheckFailure[]): Verdict[] =>
  failures.length ? [{ check: 'stateful-lifecycle', failures }] : [];
const verdict = (check: Verdict['check'], failures: CheckFailure[]): Verdict[] =>
  failures.length ? [{ check, failures }] : [];

/**
 * The runner's lifecycle expectations over a client's own traffic: a read after a create or PATCH returns
 * what the write returned, a PATCH changes only what was sent, a deleted item stays gone, and a created
 * item appears in a whole walk of its list. Only what this client (token) did is remembered; another
 * writer on the same tenant between two requests can make a judgement wrong (documented in docs/proxy.md).
 */
export function createItemTracker(model: ResourceModel, maxItems = 10_000): ItemTracker {
  // `/accounts/{id}` → `/accounts`: the collection of an item operation, when its items can be read.
  const collectionOf = (op: SpecOperation) => {
    const resource = resourceOfItem(model, op.path);
    return operationOf(resource, 'read') ? resource?.collectionPath : undefined;
  };
  const known = new LRUCache<string, Known>({ max: maxItems });
  const keyOf = (client: string, collection: string, id: string) => `${client}\u0000${collection}\u0000${id}`;
  return {
    judge(op, exchange, pathValues, sent, client, tick) {
      const { status } = exchange.response;
      const body = exchange.response.json as Item | undefined;
      const created = resourceAt(model, op.path);
      if (op.method === 'post' && operationOf(created, 'create') && operationOf(created, 'read')) {
        const id = keyOfItem(created, body);
        if (!ok(status) || id === undefined || !body) return [];
        known.set(keyOf(client, op.path, id), {
          item: body,
          written: { item: body, what: 'create' },
          deleted: false,
          createdAt: tick,
        });
        return [];
      }
      const collection = collectionOf(op);
      const id = pathValues.at(-1);
      if (collection === undefined || id === undefined) return [];
      const key = keyOf(client, collection, id);
      const state = known.get(key);
      if (state?.deleted) {
        const what =
          op.method === 'get' ? 'read' : op.method === 'delete' ? 'second delete' : op.method.toUpperCase();
        return verdict('use-after-free', judgeAfterDelete(exchange, `${what} of deleted ${id}`));
      }
      // The first read after a create: the item is there, and says what the create said.
      const afterCreate = op.method === 'get' && state?.written?.what === 'create';
      if (afterCreate && status !== 200) {
        known.set(key, { ...state, written: undefined });
        return verdict('resource-availability', judgeAvailable(exchange, id));
      }
      if (op.method === 'get' && status === 200 && body) {
        const failures: CheckFailure[] = [];
        const written = state?.written;
        // A create may answer another shape than a read (the runner's rule); a PATCH answers the item.
        if (written?.what === 'create' && !agreeOnSharedFields(body, written.item))
          failures.push(describeFailure(exchange, `read back of ${id} differs from what create returned`));
        if (written?.what === 'PATCH' && !isDeepStrictEqual(body, written.item))
          failures.push(describeFailure(exchange, `read after PATCH of ${id} differs from what it returned`));
        known.set(key, { ...state, deleted: false, item: body, written: undefined });
        return lifecycle(failures);
      }
      if (op.method === 'patch' && ok(status) && body) {
        const failures =
          state?.item && sent !== null && typeof sent === 'object'
            ? judgePatch(state.item, sent as Item, exchange)
            : [];
        known.set(key, { ...state, deleted: false, item: body, written: { item: body, what: 'PATCH' } });
        return lifecycle(failures);
      }
      if (op.method === 'delete' && ok(status)) known.set(key, { deleted: true });
      return [];
    },
    judgeWalk(op, walk, exchange, client) {
      const listed = new Set(walk.ids);
      const failures: CheckFailure[] = [];
      for (const [key, state] of known.entries()) {
        const [owner, collection, id] = key.split('\u0000');
        if (owner !== client || collection !== op.path || id === undefined || state.deleted) continue;
        if (state.createdAt !== undefined && state.createdAt < walk.startedAt && !listed.has(id))
          failures.push(describeFailure(exchange, `created item ${id} is missing from the list walk`));
      }
      return lifecycle(failures);
    },
  };
}
