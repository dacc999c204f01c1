import { findDocumentedResponse } from '../../src/contract/describe-failure.ts';
import { createValidators } from '../../src/contract/validators.ts';
import { createMock, specFallbackFor } from '../../src/core/index.ts';
import { basePathOf } from '../../src/spec/base-path.ts';
import { errorSchemaOf } from '../../src/spec/error-shape.ts';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { collectAnswer, readAnswer } from './core-request.ts';
import { requestFor } from './real-world-requests.ts';

/** What one operation answered to a generated client's request, judged against its own description. */
export interface Answered {
  operation: string;
  status: number;
  /** `valid`; `refused` (a 4xx to our generated request, its body valid); or what is wrong. */
  verdict: 'valid' | 'refused' | 'server error' | 'invalid body' | 'undocumented status';
  detail?: string;
}

/** Sends every operation of a description once to a mock serving it (under its base path), and judges each answer. */
export async function serveCorpus(spec: LoadedSpec): Promise<Answered[]> {
  const mock = createMock({ spec, fallback: specFallbackFor, seed: 1 });
  const validators = createValidators();
  const base = basePathOf(spec.document);
  const out: Answered[] = [];
  for (const op of spec.operations) {
    const answer = readAnswer(await collectAnswer(await mock.handle(requestFor(op, base))));
    const operation = `${op.method.toUpperCase()} ${op.path}`;
    const documented = findDocumentedResponse(op, answer.status)?.response;
    const refused = answer.status >= 400 && answer.status < 500;
    if (answer.status >= 500) {
      out.push({
        operation,
        status: answer.status,
        verdict: 'server error',
        detail: answer.text.slice(0, 200),
      });
      continue;
    }
    if (!documented) {
      const message = (answer.body as { message?: string } | undefined)?.message ?? answer.text.slice(0, 120);
      out.push({
        operation,
        status: answer.status,
        verdict: refused ? 'refused' : 'undocumented status',
        detail: message,
      });
      continue;
    }
    const schema = refused
      ? errorSchemaOf(op, answer.status)
      : Object.entries(documented.content).find(([type]) => /json/i.test(type))?.[1]?.schema;
    const errors = schema && answer.text ? validators.validateBody(schema, answer.body) : [];
    if (errors.length > 0) {
      const first = errors[0];
      out.push({
        operation,
        status: answer.status,
        verdict: 'invalid body',
        detail: `${first?.instancePath} ${first?.message} (${first?.schemaPath})`,
      });
    } else
      out.push({
        operation,
        status: answer.status,
        verdict: refused ? 'refused' : 'valid',
        ...(refused
          ? {
              detail:
                (answer.body as { message?: string })?.message ?? JSON.stringify(answer.body).slice(0, 120),
            }
          : {}),
      });
  }
  return out;
}
