import { fail, ok, type Result } from '../shared/result.ts';
import type { PageQuery } from '../store/types.ts';
import { type ApiError, apiError } from './errors.ts';
import { toAccountInput, toCustomerInput } from './fixtures.ts';
import type { TransferLimits } from './import-limit.ts';
import type { DraftPort } from './store-port.ts';
import type { ChunkedBody, MaybePromise } from './types.ts';

/** Items serialized between two pauses: about 0.3 MB of JSON for seeded accounts, a few ms of work. */
export const EXPORT_SLICE = 500;

/** Gives other requests their turn between two slices of long work (a timer tick by default). */
export type Pause = () => Promise<void>;

/**
 * The export of a tenant as chunks of the JSON text `JSON.stringify(exportTenant(...))` would be,
 * never held whole: one slice of items at a time, a pause after each. `snapshot` should be a fork
 * (copy-on-write, O(1)): the export is then the tenant's data at one instant, whatever it writes
 * meanwhile. Refused, before any byte, past what an import accepts in items.
 */
export async function exportChunks(
  snapshot: DraftPort,
  pause: Pause,
  limits: Pick<TransferLimits, 'accounts' | 'customers'>,
): Promise<Result<ChunkedBody, ApiError>> {
  const [accounts, customers] = await Promise.all([snapshot.countAccounts(), snapshot.countCustomers()]);
  if (accounts > limits.accounts) {
    return fail(
      apiError('INVALID_REQUEST', `export: the tenant holds more than ${limits.accounts} accounts`),
    );
  }
  if (customers > limits.customers) {
    return fail(
      apiError('INVALID_REQUEST', `export: the tenant holds more than ${limits.customers} customers`),
    );
  }
  return ok(generateExport(snapshot, pause));
}

async function* generateExport(store: DraftPort, pause: Pause): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode('{"replace":true,"customers":[');
  yield* items((q) => store.listCustomers(q), toCustomerInput, pause, encoder);
  yield encoder.encode('],"accounts":[');
  yield* items((q) => store.listAccounts(q), toAccountInput, pause, encoder);
  yield encoder.encode(']}');
}

/** One chunk per page of `EXPORT_SLICE` items, comma-separated across pages, in id order. */
async function* items<T extends { id: string }>(
  list: (q: PageQuery) => MaybePromise<{ items: T[]; hasMore: boolean }>,
  toInput: (item: T) => unknown,
  pause: Pause,
  encoder: { encode(text: string): Uint8Array },
): AsyncGenerator<Uint8Array> {
  let after: string | undefined;
  let first = true;
  for (;;) {
    const page = await list({ ...(after !== undefined ? { after } : {}), order: 'ASC', limit: EXPORT_SLICE });
    if (page.items.length > 0) {
      let text = first ? '' : ',';
      first = false;
      text += page.items.map((item) => JSON.stringify(toInput(item))).join(',');
      yield encoder.encode(text);
    }
    if (!page.hasMore || page.items.length === 0) return;
    after = page.items[page.items.length - 1]?.id;
    await pause();
  }
}
