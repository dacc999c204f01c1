import { tenantName } from '../shared/logged-request.ts';
import type { AdminDeps } from './admin.ts';
import { apiError } from './errors.ts';
import type { Exchange } from './exchange-log.ts';
import { eventStream } from './live-feed.ts';
import { ADMIN_OPERATION } from './record-answer.ts';
import { formatLogged, type RawLoggedRequest } from './request-log.ts';
import { errorResponse, jsonResponse, type RequestNotes } from './respond.ts';
import type { CoreResponse } from './types.ts';

/** The most of one body the inspector is sent. */
const MAX_SHOWN_BODY = 64 * 1024;
const CREDENTIALS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-admin-token',
]);
/** Shorter secrets are not searched for in bodies: they occur by chance in ids and names. */
const MIN_SCRUBBED = 8;
const REDACTED = '[redacted]';

/**
 * `GET /__admin/requests/stream`: the request log as it happens, as Server-Sent Events (one
 * `data:` line of JSON per request, as `GET /__admin/requests` gives them). `token` limits it to
 * one tenant; the admin's `?all=true` stream has everybody's.
 */
export function serveRequestStream(deps: AdminDeps, token: string | undefined): CoreResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' },
    body: eventStream(deps.feed, (entry) =>
      (token === undefined || entry.token === token) && !isStreamRequest(entry)
        ? JSON.stringify(formatLogged(entry))
        : undefined,
    ),
  };
}

/** Streams are logged when they start: they would show up in themselves, and in each other. */
const isStreamRequest = (entry: RawLoggedRequest) =>
  entry.operation === ADMIN_OPERATION && entry.path.endsWith('/requests/stream');

/**
 * `GET /__admin/requests/{id}`: one request with the bodies sent and answered, for the caller's own
 * requests (any request for the admin), with credentials scrubbed: credential headers are replaced,
 * and the caller's bearer token and the admin token are cut out of every header and body.
 */
export async function serveExchange(
  deps: AdminDeps,
  notes: RequestNotes,
  id: string,
  token: string | undefined,
): Promise<CoreResponse> {
  const exchange = await deps.exchanges.get(id);
  if (exchange === undefined || (token !== undefined && exchange.entry.token !== token)) {
    return errorResponse(
      notes,
      apiError(
        'NOT_FOUND',
        `id: no request ${id.slice(0, 80)} of this tenant has its bodies kept (the newest are kept)`,
      ),
    );
  }
  const secrets = [exchange.entry.token, deps.adminToken ?? ''].filter((s) => s.length >= MIN_SCRUBBED);
  const scrub = (text: string) => secrets.reduce((out, secret) => out.split(secret).join(REDACTED), text);
  return jsonResponse(200, {
    ...formatLogged(exchange.entry),
    request: partOf(exchange.request, scrub),
    response: partOf(exchange.response, scrub),
  });
}

function partOf(part: Exchange['request'] | Exchange['response'], scrub: (text: string) => string) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(part.headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    headers[lower] = CREDENTIALS.has(lower)
      ? /^bearer\s/i.test(value)
        ? `Bearer ${REDACTED}`
        : REDACTED
      : scrub(value);
  }
  if (part.body === undefined) return { headers };
  const text = typeof part.body === 'string' ? part.body : new TextDecoder().decode(part.body);
  const truncated = text.length > MAX_SHOWN_BODY;
  return {
    headers,
    body: scrub(truncated ? text.slice(0, MAX_SHOWN_BODY) : text),
    ...(truncated ? { truncated } : {}),
  };
}

/** `GET /__admin/tenant`: the caller's tenant at a glance, for the inspector's header. */
export async function serveTenantGlance(deps: AdminDeps, token: string): Promise<CoreResponse> {
  const store = deps.tenants.get(token);
  const name = tenantName(token);
  const [accounts, customers, stored, room, faults] = await Promise.all([
    store.countAccounts(),
    store.countCustomers(),
    deps.tenants.usage?.(token),
    deps.tenants.room?.(token),
    deps.faults.list(name),
  ]);
  const notice = deps.tenants.resetNotice?.(token);
  return jsonResponse(200, {
    tenant: name,
    accounts,
    customers,
    ...(stored !== undefined ? { stored } : {}),
    ...(room !== undefined ? { room } : {}),
    faults: faults.length,
    ...(notice !== undefined ? { reset: notice } : {}),
  });
}
