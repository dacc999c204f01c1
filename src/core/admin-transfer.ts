import type { Result } from '../shared/result.ts';
import { type ApiError, apiError } from './errors.ts';
import { exportChunks, type Pause } from './export-stream.ts';
import type { Fixture } from './fixtures.ts';
import type { TransferLimits } from './import-limit.ts';
import { readLargeJsonBody } from './read-body.ts';
import { errorResponse, jsonResponse, type RequestNotes } from './respond.ts';
import type { TenantRegistry } from './store-port.ts';
import type { ChunkedBody, CoreRequest, CoreResponse } from './types.ts';

/**
 * An export holds a snapshot of its tenant (a fork: free while the tenant does not write, up to a
 * copy of what it changes if it does), so one tenant runs one export at a time. The hold lapses
 * when nobody pulls a chunk for this long (a client that stopped reading, an adapter that never
 * reads nor cancels the body): the next export of the tenant then revokes the stale one, which
 * drops its snapshot and fails if it is ever pulled again (so its client sees a broken transfer,
 * never a complete-looking truncated one).
 */
export const EXPORT_LEASE_MS = 60_000;
/** Imports hold a parsed body of up to `maxImportBytes` each: this many run at once, server-wide. */
export const MAX_RUNNING_IMPORTS = 2;

export interface TransferDeps {
  tenants: TenantRegistry;
  pause: Pause;
  now(): number;
  limits: TransferLimits;
}

type ImportTenant = (
  token: string,
  body: unknown,
) => Promise<Result<{ customers: number; accounts: number }, ApiError>>;

/** The state of running exports and imports, per mock. */
interface Lease {
  at: number;
  revoke(): void;
}

export interface TransferState {
  exporting: Map<string, Lease>;
  importing: number;
}

export const createTransferState = (): TransferState => ({ exporting: new Map(), importing: 0 });

const busy = (notes: RequestNotes, error: ApiError) => errorResponse(notes, error, { 'retry-after': '1' });

/** `GET /__admin/export`: the tenant's data as a fixture, streamed in slices (see export-stream.ts). */
export async function serveExport(
  deps: TransferDeps,
  state: TransferState,
  token: string,
  notes: RequestNotes,
): Promise<CoreResponse> {
  const held = state.exporting.get(token);
  if (held !== undefined && deps.now() - held.at < EXPORT_LEASE_MS) {
    return busy(
      notes,
      apiError(
        'RATE_LIMITED',
        "export: this tenant's previous export is still being sent; retry when it ends",
      ),
    );
  }
  held?.revoke();
  const snapshot = await deps.tenants.get(token).fork();
  const chunks = await exportChunks(snapshot, deps.pause, deps.limits);
  if (!chunks.ok) return errorResponse(notes, chunks.error);
  const body = leased(chunks.value, deps.now);
  state.exporting.set(token, body.lease);
  body.onEnd(() => {
    if (state.exporting.get(token) === body.lease) state.exporting.delete(token);
  });
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: body.chunks,
  };
}

/** `POST /__admin/import`: at most `MAX_RUNNING_IMPORTS` at once, counted before the body is read. */
export async function serveImport(
  deps: TransferDeps,
  state: TransferState,
  importTenant: ImportTenant,
  request: CoreRequest,
  token: string,
  notes: RequestNotes,
): Promise<CoreResponse> {
  if (state.importing >= MAX_RUNNING_IMPORTS) {
    return busy(
      notes,
      apiError(
        'SERVICE_UNAVAILABLE',
        `import: ${MAX_RUNNING_IMPORTS} imports are running; retry in a moment`,
      ),
    );
  }
  state.importing += 1;
  try {
    const limit = await importLimitOf(deps, token);
    const body = await readLargeJsonBody(request, limit.bytes, deps.pause, limit.tooLarge);
    if (!body.ok) return errorResponse(notes, body.error);
    const shape = describeNotAnObject(body.value);
    if (shape) return errorResponse(notes, apiError('INVALID_REQUEST', shape));
    const imported = await importTenant(token, body.value as Fixture);
    return imported.ok
      ? jsonResponse(200, { success: true, ...imported.value })
      : errorResponse(notes, imported.error);
  } finally {
    state.importing -= 1;
  }
}

/**
 * The most an import into `token`'s tenant may send: the server's import limit, and what the
 * tenant's budget can still hold. A fixture's records are stored at least as long as their compact
 * JSON (the store adds server fields), so a body past that cannot fit whatever it holds: it is
 * refused before it is parsed, and the adapter stops reading it there. Half as much again is
 * allowed for indentation and spaces, plus a little for a small tenant's first records.
 */
async function importLimitOf(
  deps: TransferDeps,
  token: string,
): Promise<{ bytes: number; tooLarge?: (limit: number) => ApiError }> {
  const room = await deps.tenants.room?.(token);
  const fits = room === undefined ? Number.POSITIVE_INFINITY : Math.floor(room.bytes * 1.5) + 64 * 1024;
  if (fits >= deps.limits.bytes) return { bytes: deps.limits.bytes };
  return {
    bytes: fits,
    tooLarge: (limit) =>
      apiError(
        'PAYLOAD_TOO_LARGE',
        `body: larger than the ${limit} bytes an import into this tenant may be (what its budget can still hold, with room for formatting)`,
      ),
  };
}

/** The body of an import is a fixture object; anything else is named for what it is. */
function describeNotAnObject(body: unknown): string | undefined {
  if (body === undefined) return 'body: is required (a fixture: {"replace", "customers", "accounts"})';
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'body: must be an object';
  return undefined;
}

/**
 * `body` under a lease: every pull renews it; it ends when the body is done, fails or is cancelled;
 * a revoked body drops its producer (and the snapshot it holds) and fails on its next pull.
 */
function leased(body: ChunkedBody, now: () => number) {
  const inner = body[Symbol.asyncIterator]();
  let ended = false;
  let revoked = false;
  const ends: (() => void)[] = [];
  const end = () => {
    if (ended) return;
    ended = true;
    for (const then of ends) then();
  };
  const lease: Lease = {
    at: now(),
    revoke() {
      revoked = true;
      end();
      void inner.return?.(undefined)?.catch(() => undefined);
    },
  };
  const iterator: AsyncIterator<Uint8Array> = {
    async next() {
      if (revoked) throw new Error('export: revoked after it was not read for a minute');
      lease.at = now();
      try {
        const next = await inner.next();
        if (next.done) end();
        return next;
      } catch (error) {
        end();
        throw error;
      }
    },
    async return() {
      end();
      await inner.return?.(undefined);
      return { done: true, value: undefined };
    },
  };
  return {
    lease,
    chunks: { [Symbol.asyncIterator]: () => iterator } satisfies ChunkedBody,
    onEnd: (then: () => void) => ends.push(then),
  };
}
