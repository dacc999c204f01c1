import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Limits } from '../../contract/checks/check.ts';
import { createItemTracker } from '../../contract/follow-items.ts';
import { createWalkTracker } from '../../contract/follow-walks.ts';
import {
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
import { inferResources } from '../../spec/resources/infer-resources.ts';
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
  elapsedMs?: number;
}

/** What the request broke, before any answer: the client is told at once. */
export interface RequestProblem {
  operation?: SpecOperation;
  message: string;
}

/** What the request is, by the spec. */
export interface Inspection {
  operation?: SpecOperation;
  standing: RequestStanding;
  /** Decoded path parameters in template order. */
  pathValues: string[];
  /** The parsed JSON body, when there is one and it parses. */
  sent?: unknown;
}

export interface TrafficJudge {
  /** Routes and validates the request with the core's validators: what the client did wrong, if anything. */
  inspect(traffic: Traffic): Promise<Inspection>;
  /** Every verdict the runner's judges give on the exchange; `bodyText` is the answer's body, inflated. */
  judge(traffic: Traffic, inspection: Inspection, answer: UpstreamResult, bodyText: string): Verdict[];
}

const invalid = (label: string, rest: Partial<Inspection> = {}): Inspection => ({
  pathValues: [],
  ...rest,
  standing: { kind: 'invalid', label },
});

/** Built once per spec: the core's routes and request validators, the runner's response validators. */
export function createTrafficJudge(
  spec: LoadedSpec,
  maxBodyBytes: number,
  limits: Limits = {},
): TrafficJudge {
  const routes = buildRoutes(spec);
  const validators = createValidators(spec.operations);
  const walks = createWalkTracker();
  const items = createItemTracker(inferResources(spec));
  let tick = 0;
  return {
    async inspect(traffic) {
      const found = routes.match(traffic.path);
      if (!found) return invalid(`path: no operation at ${traffic.method} ${traffic.path.slice(0, 200)}`);
      const route = found.routes.byMethod.get(traffic.method === 'HEAD' ? 'GET' : traffic.method);
      if (!route) return invalid(`method: ${traffic.method} is not allowed on ${found.routes.template}`);
      const operation = route.operation;
      const pathValues: string[] = [];
      for (const raw of found.rawValues) {
        try {
          pathValues.push(decodeURIComponent(raw));
        } catch {
          return invalid('path: has malformed percent-encoding', { operation });
        }
      }
      if (operation.requiresAuth) {
        const auth = readBearerToken(traffic.headers.authorization);
        if (!auth.ok)
          return { operation, pathValues, standing: { kind: 'unauthenticated', label: auth.error.message } };
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
      if (!body.ok) return invalid(body.error.message, { operation, pathValues });
      const sent = body.value;
      const valid = (await route.validator()).validate({ pathValues, query: traffic.query, body: sent });
      if (!valid.ok) return invalid(valid.error.message, { operation, pathValues, sent });
      return { operation, pathValues, sent, standing: { kind: 'valid' } };
    },
    judge(traffic, inspection, answer, bodyText) {
      const { operation, standing } = inspection;
      if (!operation) return [];
      tick += 1;
      const exchange: Exchange = {
        request: traffic.recorded,
        response: { status: answer.status, headers: answer.headers, bodyText, ...parseJson(bodyText) },
        ...(answer.elapsedMs === undefined ? {} : { elapsedMs: answer.elapsedMs }),
      };
      const verdicts = [
        ...judgeResponse({ operation, exchange, validators, limits }),
        ...judgeByRequest(operation, exchange, standing),
      ];
      // Walks and items are told apart by caller: two tenants may be handed equal tokens and ids.
      const client = traffic.headers.authorization ?? '';
      const page = walks.judge(operation, exchange, traffic.query, client, tick);
      if (page) verdicts.push(page.verdict);
      if (page?.completed) verdicts.push(...items.judgeWalk(operation, page.completed, exchange, client));
      if (standing.kind === 'valid')
        verdicts.push(
          ...items.judge(operation, exchange, inspection.pathValues, inspection.sent, client, tick),
        );
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
