import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import {
  createWalkTracker,
  judgeByRequest,
  judgeResponse,
  type RequestStanding,
  type Verdict,
} from '../../contract/judge-exchange.ts';
import type { Exchange, RecordedRequest } from '../../contract/types.ts';
import { createValidators } from '../../contract/validators.ts';
import { readBearerToken } from '../../core/auth.ts';
import { buildRoutes } from '../../core/build-routes.ts';
import { readJsonBody } from '../../core/read-body.ts';
import type { LoadedSpec, SpecOperation } from '../../spec/types.ts';

/** One exchange as the proxy saw it: the client's request and the upstream's answer. */
export interface Traffic {
  method: string;
  /** Encoded path without the query. */
  path: string;
  query: URLSearchParams;
  /** Lower-case names, as the client sent them. */
  headers: Record<string, string>;
  body?: Buffer;
  /** The request as reported: full upstream URL, token already replaced. */
  recorded: RecordedRequest;
}

export interface UpstreamResult {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** What the request broke, before any answer: the client is told at once. */
export interface RequestProblem {
  operation?: SpecOperation;
  message: string;
}

export interface TrafficJudge {
  /** Routes and validates the request with the core's validators: what the client did wrong, if anything. */
  inspect(traffic: Traffic): Promise<{ operation?: SpecOperation; standing: RequestStanding }>;
  /** Every verdict the runner's judges give on the exchange. */
  /** `bodyText`: the answer's body, inflated, as text. */
  judge(
    traffic: Traffic,
    operation: SpecOperation,
    standing: RequestStanding,
    answer: UpstreamResult,
    bodyText: string,
  ): Verdict[];
}

/** Built once per spec: the core's routes and request validators, the runner's response validators. */
export function createTrafficJudge(spec: LoadedSpec, maxBodyBytes: number): TrafficJudge {
  const routes = buildRoutes(spec);
  const validators = createValidators(spec.operations);
  const walks = createWalkTracker();
  return {
    async inspect(traffic) {
      const found = routes.match(traffic.path);
      if (!found)
        return {
          standing: {
            kind: 'invalid',
            label: `path: no operation at ${traffic.method} ${traffic.path.slice(0, 200)}`,
          },
        };
      const route = found.routes.byMethod.get(traffic.method === 'HEAD' ? 'GET' : traffic.method);
      if (!route)
        return {
          standing: {
            kind: 'invalid',
            label: `method: ${traffic.method} is not allowed on ${found.routes.template}`,
          },
        };
      const operation = route.operation;
      if (operation.requiresAuth) {
        const auth = readBearerToken(traffic.headers.authorization);
        if (!auth.ok) return { operation, standing: { kind: 'unauthenticated', label: auth.error.message } };
      }
      const pathValues: string[] = [];
      for (const raw of found.rawValues) {
        try {
          pathValues.push(decodeURIComponent(raw));
        } catch {
          return { operation, standing: { kind: 'invalid', label: 'path: has malformed percent-encoding' } };
        }
      }
      const body = await readJsonBody(
        {
          method: traffic.method,
          path: traffic.path,
          query: traffic.query,
          headers: traffic.headers,
          ...(traffic.body?.length ? { body: traffic.body } : {}),
        },
        maxBodyBytes,
      );
      if (!body.ok) return { operation, standing: { kind: 'invalid', label: body.error.message } };
      const valid = route.validator.validate({ pathValues, query: traffic.query, body: body.value });
      if (!valid.ok) return { operation, standing: { kind: 'invalid', label: valid.error.message } };
      return { operation, standing: { kind: 'valid' } };
    },
    judge(traffic, operation, standing, answer, bodyText) {
      const exchange: Exchange = {
        request: traffic.recorded,
        response: { status: answer.status, headers: answer.headers, bodyText, ...parseJson(bodyText) },
      };
      const verdicts = [
        ...judgeResponse({ operation, exchange, validators }),
        ...judgeByRequest(operation, exchange, standing),
      ];
      // Walks are told apart by caller: two tenants may be handed equal tokens.
      const page = walks.judge(operation, exchange, traffic.query, traffic.headers.authorization ?? '');
      if (page) verdicts.push(page);
      return verdicts;
    },
  };
}

/** The body as the client's HTTP library would read it: inflated when compressed (judging, recording). */
export function inflateBody(answer: UpstreamResult, maxBytes: number): Buffer {
  const encoding = (answer.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  // Bounded like the body itself: a small compressed body may inflate without limit.
  const limit = { maxOutputLength: maxBytes };
  try {
    const bytes =
      encoding === 'gzip' || encoding === 'x-gzip'
        ? gunzipSync(answer.body, limit)
        : encoding === 'deflate'
          ? inflateSync(answer.body, limit)
          : encoding === 'br'
            ? brotliDecompressSync(answer.body, limit)
            : answer.body;
    return bytes;
  } catch {
    return answer.body;
  }
}

function parseJson(text: string): { json?: unknown } {
  if (text.trim() === '') return {};
  try {
    return { json: JSON.parse(text) };
  } catch {
    return {};
  }
}
