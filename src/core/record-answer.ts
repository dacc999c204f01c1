import type { Exchange, ExchangeLogPort } from './exchange-log.ts';
import type { LiveFeed } from './live-feed.ts';
import type { RawLoggedRequest, RequestLogPort } from './request-log.ts';
import type { RequestNotes } from './respond.ts';
import { type CoreAnswer, type CoreRequest, isFault } from './types.ts';

/** An incoming `X-Request-Id` is echoed when it is this plain; anything else gets one of ours. */
const SANE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

export interface Recorder {
  /** The id of a request: its own `X-Request-Id` when sane, else a new one. */
  idOf(request: CoreRequest): string;
  /** Adds the id (and a reset notice) to the answer; logs it, keeps its bodies, tells listeners. */
  record(
    request: CoreRequest,
    answer: CoreAnswer,
    notes: RequestNotes,
    id: string,
    started: number,
  ): CoreAnswer;
}

export interface RecorderDeps {
  log: RequestLogPort;
  exchanges: ExchangeLogPort;
  feed: LiveFeed<RawLoggedRequest>;
  now(): number;
  /** The adapter's look at every answer (access log, metrics): after the log, never throwing. */
  observe?: (entry: RawLoggedRequest) => void;
}

/**
 * What happens to every answer on its way out, in one place. The hot path pays for a log line,
 * a map insert and a reference to the bodies (the answer's text exists anyway); formatting, the
 * tenant's hashed name and scrubbing wait until someone reads.
 */
export function createRecorder(deps: RecorderDeps): Recorder {
  const prefix = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) =>
    b.toString(36).padStart(2, '0'),
  ).join('');
  let seq = 0;
  return {
    idOf(request) {
      const given = request.headers['x-request-id'];
      if (given !== undefined && SANE_REQUEST_ID.test(given)) return given;
      seq += 1;
      return `${prefix}-${seq.toString(36)}`;
    },
    record(request, answer, notes, id, started) {
      const fault = isFault(answer);
      if (!fault) {
        if (notes.resetNotice !== undefined) answer.headers['x-tenant-reset'] = notes.resetNotice;
        answer.headers['x-request-id'] = id;
      }
      const entry: RawLoggedRequest = {
        id,
        atMs: deps.now(),
        method: request.method,
        path: request.path.slice(0, 300),
        // A dropped or held connection has no status: 0, with the reason as its problem.
        status: fault ? 0 : answer.status,
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
        token: notes.token,
        ...(notes.problem !== undefined ? { problem: notes.problem } : {}),
        ...(notes.operation !== undefined ? { operation: notes.operation } : {}),
      };
      deps.log.add(entry);
      if (notes.operation !== undefined && notes.operation !== ADMIN_OPERATION) {
        const exchange: Exchange = {
          entry,
          request: {
            headers: request.headers,
            ...(notes.requestBody !== undefined ? { body: notes.requestBody } : {}),
          },
          response: fault
            ? { headers: {} }
            : {
                headers: answer.headers,
                ...(typeof answer.body === 'string' || answer.body instanceof Uint8Array
                  ? { body: answer.body }
                  : {}),
              },
        };
        deps.exchanges.keep(id, exchange);
      }
      if (deps.feed.listening) deps.feed.publish(entry);
      deps.observe?.(entry);
      return answer;
    },
  };
}

/** What the log names an admin call's operation. */
export const ADMIN_OPERATION = 'admin';
