import type { RawLoggedRequest } from '../../core/request-log.ts';
import { tenantName } from '../../shared/logged-request.ts';

export type AccessLogFormat = 'pretty' | 'json' | 'off';

/** A log line as the core records it (the token never printed: the tenant's name instead). */
export type AccessLogEntry = RawLoggedRequest;

/** Where lines go: stdout by default. */
export interface LineSink {
  write(text: string): unknown;
  readonly writableLength?: number;
  readonly isTTY?: boolean;
}

/** Past this many bytes waiting in the sink (stdout not read), lines are dropped and counted. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/** Lines wait at most this long, or until this many bytes wait, before one write takes them all. */
const FLUSH_MS = 50;
const FLUSH_BYTES = 64 * 1024;

export interface AccessLog {
  /** One request's line (the core's `observe` hook). */
  record(entry: AccessLogEntry): void;
  /** Writes what waits now (the server is closing). */
  flush(): void;
}

/**
 * The access log: one line per request, fed by the core's log line (no `finish` listener on the
 * response). Lines are gathered and written together, every 50 ms or 64 KiB: per request that is
 * a string and an array push, and the write is shared by hundreds. A sink that stops draining (a
 * pipe nobody reads) loses lines, counted and reported, never the server's memory. The tenant is
 * named by a hash, never the token.
 */
export function createAccessLog(
  format: AccessLogFormat,
  sink: LineSink = process.stdout,
): AccessLog | undefined {
  if (format === 'off') return undefined;
  const names = new Map<string, string>();
  const nameOf = (token: string) => {
    let name = names.get(token);
    if (name === undefined) {
      name = tenantName(token);
      if (names.size >= 10_000) names.clear();
      names.set(token, name);
    }
    return name;
  };
  const line = format === 'json' ? jsonLine(nameOf) : prettyLine(nameOf, sink.isTTY === true);
  let pending: string[] = [];
  let pendingBytes = 0;
  let dropped = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const lines = pending;
    pending = [];
    pendingBytes = 0;
    if (lines.length === 0) return;
    if ((sink.writableLength ?? 0) > MAX_PENDING_BYTES) {
      dropped += lines.length;
      return;
    }
    if (dropped > 0) {
      lines.unshift(`togai-mock: ${dropped} access log lines dropped (the output was not keeping up)\n`);
      dropped = 0;
    }
    sink.write(lines.join(''));
  };
  return {
    record(entry) {
      const text = line(entry);
      pending.push(text);
      pendingBytes += text.length;
      if (pendingBytes >= FLUSH_BYTES) flush();
      else if (timer === undefined) timer = setTimeout(flush, FLUSH_MS);
    },
    flush,
  };
}

/** The ISO time of a millisecond, remembered: requests of the same millisecond share it. */
function createClock() {
  let lastMs = -1;
  let last = '';
  return (ms: number) => {
    if (ms !== lastMs) {
      lastMs = ms;
      last = new Date(ms).toISOString();
    }
    return last;
  };
}

/**
 * A JSON line, written out field by field: the same text `JSON.stringify` gives for the object
 * (fields absent when undefined), at a third of its cost, which is most of the log's cost per
 * request. Every string a client could shape goes through `JSON.stringify`.
 */
function jsonLine(nameOf: (token: string) => string) {
  const timeOf = createClock();
  const text = JSON.stringify;
  return (entry: AccessLogEntry) =>
    `{"time":"${timeOf(entry.atMs)}","id":${text(entry.id)},"method":${text(entry.method)},"path":${text(entry.path)},"status":${entry.status},"ms":${entry.latencyMs}${
      entry.operation === undefined ? '' : `,"operation":${text(entry.operation)}`
    },"tenant":"${nameOf(entry.token)}"${entry.problem === undefined ? '' : `,"problem":${text(entry.problem)}`}}\n`;
}

const COLOURS: Record<string, string> = {
  2: '\u001b[32m',
  3: '\u001b[36m',
  4: '\u001b[33m',
  5: '\u001b[31m',
  0: '\u001b[35m',
};

function prettyLine(nameOf: (token: string) => string, colour: boolean) {
  const timeOf = createClock();
  return (entry: AccessLogEntry) => {
    const time = timeOf(entry.atMs).slice(11, 23);
    const status = entry.status === 0 ? 'DROP' : String(entry.status);
    const shown = colour ? `${COLOURS[status[0] ?? ''] ?? COLOURS[0]}${status}\u001b[0m` : status;
    const problem = entry.problem === undefined ? '' : `  ${JSON.stringify(entry.problem.slice(0, 200))}`;
    return `${time} ${entry.method} ${entry.path} ${shown} ${entry.latencyMs} ms ${entry.operation ?? '-'} tenant=${nameOf(entry.token)} id=${entry.id}${problem}\n`;
  };
}
