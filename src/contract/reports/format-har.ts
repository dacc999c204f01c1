import type { CheckFailure, CheckOutcome, ContractResult } from '../types.ts';

const pairs = (record: Record<string, string>) =>
  Object.entries(record).map(([name, value]) => ({ name, value }));

function entryOf(outcome: CheckOutcome, failure: CheckFailure) {
  const request = failure.request;
  if (!request) return undefined;
  const url = new URL(request.url);
  const response = failure.response;
  return {
    startedDateTime: new Date(0).toISOString(),
    time: 0,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(request.headers),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      ...(request.body !== undefined
        ? {
            postData: { mimeType: request.headers['content-type'] ?? 'application/json', text: request.body },
          }
        : {}),
      headersSize: -1,
      bodySize: request.body === undefined ? 0 : new TextEncoder().encode(request.body).length,
    },
    response: {
      status: response?.status ?? 0,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: response?.contentType ? [{ name: 'content-type', value: response.contentType }] : [],
      content: {
        size: -1,
        mimeType: response?.contentType ?? '',
        // An excerpt: reports keep at most 600 characters of a body.
        text: response?.excerpt ?? '',
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    comment: failure.message,
    // Custom fields (HAR allows `_`-prefixed ones): what `contract replay` needs to judge the answer again.
    _caseId: failure.caseId,
    _operationId: outcome.operationId,
    _check: outcome.check,
    ...(failure.expect ? { _expect: failure.expect } : {}),
  };
}

/**
 * HAR 1.2 of every failing request, for replay in any HTTP tool (and `contract replay <caseId>`). The token
 * only ever appears as `$TOGAI_TOKEN`; response bodies are the reports' excerpts.
 */
export function formatHar(result: ContractResult): string {
  const entries = result.outcomes.flatMap((outcome) =>
    outcome.failures.map((failure) => entryOf(outcome, failure)).filter((entry) => entry !== undefined),
  );
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'togai-mock contract', version: '0.1.0' },
      comment: `failing requests of a run against ${result.baseUrl}, seed ${result.seed}`,
      entries,
    },
  };
  return `${JSON.stringify(har, null, 2)}\n`;
}
