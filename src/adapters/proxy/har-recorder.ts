import { rename, writeFile } from 'node:fs/promises';
import { scrubSecret } from '../../contract/scrub.ts';
import type { Har, HarEntry, HarNameValue } from '../../core/har.ts';
import type { Redactor } from './redact.ts';

export interface RecordInput {
  startedAt: number;
  timeMs: number;
  method: string;
  /** Full upstream URL, as sent. */
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: Buffer;
  status: number;
  statusText: string;
  responseHeaders: Record<string, string>;
  /** Decoded (inflated) body text, or the raw bytes when they are not text. */
  responseBody: Buffer;
  token?: string;
}

export interface HarRecorder {
  add(input: RecordInput): void;
  /** Writes the file now (temp file + rename: a reader never sees half a file). */
  flush(): Promise<void>;
  entries(): number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function asText(bytes: Buffer): { text: string; encoding?: 'base64' } {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return { text: bytes.toString('base64'), encoding: 'base64' };
  }
}

/**
 * Keeps every exchange as a HAR 1.2 entry with secrets redacted as it arrives (nothing secret is held in
 * memory either), and writes the file `debounceMs` after the last change and on `flush`.
 */
export function createHarRecorder(
  file: string,
  redactor: Redactor,
  options: { maxEntries?: number; debounceMs?: number; onWarning?: (message: string) => void } = {},
): HarRecorder {
  const maxEntries = options.maxEntries ?? 50_000;
  const entries: HarEntry[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let warned = false;
  const write = async () => {
    const har: Har = {
      log: { version: '1.2', creator: { name: 'togai-mock proxy', version: '0.1.0' }, entries },
    };
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(har, null, 2)}\n`, 'utf8');
    await rename(temp, file);
  };
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    // One write at a time, in order: the last one holds every entry.
    writing = writing.then(write, write);
    return writing;
  };
  return {
    add(input) {
      if (entries.length >= maxEntries) {
        if (!warned)
          options.onWarning?.(`recording: ${maxEntries} entries kept; later exchanges are not recorded`);
        warned = true;
        return;
      }
      const { token } = input;
      const url = new URL(input.url);
      const pairs = (headers: Record<string, string>): HarNameValue[] =>
        Object.entries(headers).map(([name, value]) => ({
          name,
          value: redactor.header(name, value, token),
        }));
      const requestText = input.requestBody?.length ? asText(input.requestBody).text : undefined;
      const response = asText(input.responseBody);
      const responseText =
        response.encoding === undefined ? redactor.body(response.text, token) : response.text;
      const query = [...url.searchParams].map(([name, value]) => ({
        name,
        value: redactor.query(name, value, token),
      }));
      // The query as sent, unless a value had to be redacted (then rebuilt from the redacted pairs).
      const changed = query.some((q, i) => q.value !== [...url.searchParams][i]?.[1]);
      const search = changed
        ? `?${new URLSearchParams(query.map((q): [string, string] => [q.name, q.value])).toString()}`
        : url.search;
      entries.push({
        startedDateTime: new Date(input.startedAt).toISOString(),
        time: input.timeMs,
        request: {
          method: input.method,
          url: scrubSecret(`${url.origin}${url.pathname}`, token) + search,
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: pairs(input.requestHeaders),
          queryString: query,
          ...(requestText !== undefined
            ? {
                postData: {
                  mimeType: input.requestHeaders['content-type'] ?? 'application/octet-stream',
                  text: redactor.body(requestText, token),
                },
              }
            : {}),
          headersSize: -1,
          bodySize: input.requestBody?.length ?? 0,
        },
        response: {
          status: input.status,
          statusText: input.statusText,
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: pairs(input.responseHeaders),
          content: {
            size: input.responseBody.length,
            mimeType: input.responseHeaders['content-type'] ?? '',
            text: responseText,
            ...(response.encoding ? { encoding: response.encoding } : {}),
          },
          redirectURL: '',
          headersSize: -1,
          bodySize: -1,
        },
        cache: {},
        timings: { send: 0, wait: input.timeMs, receive: 0 },
      });
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), options.debounceMs ?? 500);
      timer.unref();
    },
    flush,
    entries: () => entries.length,
  };
}
