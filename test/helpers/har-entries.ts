import type { Har, HarEntry } from '../../src/core/har.ts';

let clock = Date.parse('2026-01-01T00:00:00Z');

/** One recorded exchange; entries are a second apart, in the order given. */
export function entry(method: string, url: string, status: number, body?: unknown, sent?: unknown): HarEntry {
  clock += 1000;
  return {
    startedDateTime: new Date(clock).toISOString(),
    time: 1,
    request: {
      method,
      url: `https://sandbox.example.com${url}`,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      queryString: [],
      ...(sent === undefined
        ? {}
        : { postData: { mimeType: 'application/json', text: JSON.stringify(sent) } }),
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [{ name: 'content-type', value: 'application/json' }],
      content: {
        size: -1,
        mimeType: 'application/json',
        ...(body === undefined ? {} : { text: JSON.stringify(body) }),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  };
}

export const harOf = (...entries: HarEntry[]): Har => ({
  log: { version: '1.2', creator: { name: 'test', version: '1' }, entries },
});
