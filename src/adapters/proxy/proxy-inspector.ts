import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { INSPECTOR_HEADERS, INSPECTOR_PATH, inspectorAssets } from '../../core/inspector-page.ts';
import { eventStream, type LiveFeed } from '../../core/live-feed.ts';
import type { Violation } from './violation-log.ts';

/** Violations as they are found, as Server-Sent Events (the inspector's proxy panel follows it). */
export const VIOLATIONS_STREAM_PATH = '/__admin/violations/stream';
const REQUESTS_STREAM_PATH = '/__admin/requests/stream';

const FILES: Record<string, [string, string]> = {
  [INSPECTOR_PATH]: ['text/html; charset=utf-8', inspectorAssets.page],
  [`${INSPECTOR_PATH}/inspector.js`]: ['text/javascript; charset=utf-8', inspectorAssets.script],
  [`${INSPECTOR_PATH}/inspector.css`]: ['text/css; charset=utf-8', inspectorAssets.style],
};

/**
 * The proxy's own share of the inspector: the page (the same as the mock's; its requests, faults
 * and tenant panels reach the upstream mock's admin API through the proxy) and the violations as
 * they are found. Answers and returns true for those paths, false for every other.
 */
export function serveProxyInspector(
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  feed: LiveFeed<Violation>,
): boolean {
  const file = FILES[path];
  if (file !== undefined && (req.method === 'GET' || req.method === 'HEAD')) {
    res.writeHead(200, { 'content-type': file[0], ...INSPECTOR_HEADERS });
    res.end(req.method === 'HEAD' ? undefined : file[1]);
    return true;
  }
  if (path === REQUESTS_STREAM_PATH) {
    // Forwarded, an endless stream would wait for the upstream's whole answer: refused at once,
    // and the inspector polls the upstream's request log instead.
    const body = JSON.stringify({
      message: 'path: the proxy does not forward streams; poll /__admin/requests',
    });
    res.writeHead(501, { 'content-type': 'application/json', 'x-error-code': 'NOT_IMPLEMENTED' });
    res.end(body);
    return true;
  }
  if (path !== VIOLATIONS_STREAM_PATH || req.method !== 'GET') return false;
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
  const events = eventStream(feed, (violation) => JSON.stringify(violation));
  pipeline(Readable.from(events, { objectMode: false }), res).catch(() => res.destroy());
  return true;
}
