import { readFile } from 'node:fs/promises';
import { fail, ok, type Result } from '../shared/result.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { findCheck } from './checks/registry.ts';
import { createHttpClient } from './http-client.ts';
import { TOKEN_PLACEHOLDER } from './scrub.ts';
import type { CheckFailure, Exchange, Expectation, RecordedRequest } from './types.ts';
import { createValidators } from './validators.ts';

export interface RecordedCase {
  caseId: string;
  operationId: string;
  check: string;
  message: string;
  request: RecordedRequest;
  expect?: Expectation;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};

/** Every failing case of a JSON report or a HAR file written by `--report`. */
export function readCases(text: string): Result<RecordedCase[], string> {
  let data: Obj;
  try {
    data = asObj(JSON.parse(text));
  } catch (error) {
    return fail(`not JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(data.outcomes)) {
    return ok(
      data.outcomes.flatMap((o) =>
        ((asObj(o).failures as CheckFailure[] | undefined) ?? [])
          .filter((f) => f.caseId && f.request)
          .map((f) => ({
            caseId: f.caseId as string,
            operationId: String(asObj(o).operationId),
            check: String(asObj(o).check),
            message: f.message,
            request: f.request as RecordedRequest,
            ...(f.expect ? { expect: f.expect } : {}),
          })),
      ),
    );
  }
  const entries = asObj(data.log).entries;
  if (!Array.isArray(entries)) return fail('neither a JSON report (outcomes) nor a HAR file (log.entries)');
  return ok(
    entries.map(asObj).map((e) => {
      const request = asObj(e.request);
      const headers = Object.fromEntries(
        (request.headers as { name: string; value: string }[]).map((h) => [h.name, h.value]),
      );
      const body = asObj(request.postData).text;
      return {
        caseId: String(e._caseId),
        operationId: String(e._operationId),
        check: String(e._check),
        message: String(e.comment ?? ''),
        request: {
          method: String(request.method) as RecordedRequest['method'],
          url: String(request.url),
          headers,
          ...(typeof body === 'string' ? { body } : {}),
        },
        ...(e._expect ? { expect: e._expect as Expectation } : {}),
      };
    }),
  );
}

/**
 * Judges a replayed answer: by the recorded expectation, and by the check itself (a probe check with the
 * expectation, a response check as it judges any answer) when the spec still has the operation.
 */
export async function judgeReplay(
  recorded: RecordedCase,
  exchange: Exchange,
  specPath?: string,
): Promise<string[]> {
  const problems: string[] = [];
  const { status } = exchange.response;
  const expect = recorded.expect;
  if (expect?.kind === 'accept' && (status < 200 || status >= 300))
    problems.push(`expected 2xx, got ${status}`);
  if (expect?.kind === 'reject' && (status < 400 || status >= 500))
    problems.push(`expected 4xx, got ${status}`);
  if (expect?.kind === 'status' && !expect.statuses.includes(status))
    problems.push(`expected ${expect.statuses.join(' or ')}, got ${status}`);
  const check = findCheck(recorded.check as never);
  if (!check || check.kind === 'sequence') return problems;
  const loaded = await loadSpec(specPath);
  const operation = loaded.ok
    ? loaded.value.operations.find((o) => o.operationId === recorded.operationId)
    : undefined;
  if (!operation) return problems;
  const failures =
    check.kind === 'response'
      ? check.judge({ operation, exchange, validators: createValidators(), limits: {} })
      : expect
        ? check.judge({ operation, exchange, label: recorded.caseId, expect })
        : [];
  // The check's own verdict decides (it may excuse a documented 404); the plain status test is the fallback.
  return check.kind === 'probe' && expect
    ? failures.map((f) => f.message)
    : [...problems, ...failures.map((f) => f.message)];
}

/** Re-sends one recorded request, the token put back where the report shows `$TOGAI_TOKEN`. */
export async function resend(
  recorded: RecordedCase,
  token: string,
  baseUrl?: string,
): Promise<Result<Exchange, string>> {
  const original = new URL(recorded.request.url);
  const target = baseUrl ? new URL(original.pathname + original.search, baseUrl) : original;
  const fill = (text: string) => text.split(TOKEN_PLACEHOLDER).join(token);
  const client = createHttpClient({
    baseUrl: target.origin,
    token,
    timeoutMs: 10_000,
    retries: 0,
    rateLimit: 0,
    maxRetryAfterMs: 0,
  });
  const headers = Object.fromEntries(Object.entries(recorded.request.headers).map(([k, v]) => [k, fill(v)]));
  const { authorization, accept: _accept, 'content-type': contentType, ...rest } = headers;
  const query = Object.fromEntries(new URL(fill(target.toString())).searchParams);
  const result = await client.send({
    method: recorded.request.method.toLowerCase() as never,
    path: target.pathname,
    ...(Object.keys(query).length ? { query } : {}),
    auth: authorization === undefined ? 'none' : { header: authorization },
    headers: rest,
    ...(recorded.request.body !== undefined
      ? { rawBody: { contentType: contentType ?? 'application/json', text: fill(recorded.request.body) } }
      : {}),
  });
  return result.ok ? ok(result.value) : fail(result.error);
}

export async function loadCases(file: string): Promise<Result<RecordedCase[], string>> {
  try {
    return readCases(await readFile(file, 'utf8'));
  } catch (error) {
    return fail(`cannot read ${file}: ${(error as Error).message}`);
  }
}
