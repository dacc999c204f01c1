import { basePathOf } from '../spec/base-path.ts';
import type { createSpecAnswers } from '../spec/spec-answers.ts';
import type { LoadedSpec, SpecOperation } from '../spec/types.ts';
import { createRouter } from './router.ts';
import type { Fallback } from './types.ts';

/**
 * The default fallback: operations the store does not implement are answered from the description
 * itself (its first example valid against the response schema, or a value generated from the
 * schema when the example is missing or breaks it), with no Prism. Prism took seconds and hundreds
 * of MB to load Togai's published description, and served its broken examples as they were.
 * Requests reach here already authenticated and validated by the core. The answering code (an
 * interpreting JSON Schema validator and the sampler) is imported on the first such request: most
 * sessions never make one, and a browser bundle keeps it in a chunk of its own.
 */
export function specFallbackFor(spec: LoadedSpec): Fallback {
  let answers: ReturnType<typeof createSpecAnswers> | undefined;
  const router = createRouter<SpecOperation>();
  const base = basePathOf(spec.document);
  for (const operation of spec.operations) {
    router.add(operation.method, operation.path, operation);
    if (base) router.add(operation.method, `${base}${operation.path}`, operation);
  }
  return async (request, prefer) => {
    const operation = router.match(request.path)?.routes.byMethod.get(request.method.toUpperCase());
    if (!operation) {
      return {
        status: 404,
        headers: {},
        body: { message: `path: ${request.method} ${request.path.slice(0, 200)} is not in the spec` },
      };
    }
    answers ??= (await import('../spec/spec-answers.ts')).createSpecAnswers();
    const answer = answers(operation, prefer);
    if (!answer.ok) return { status: 400, headers: {}, body: { message: answer.error.message } };
    return answer.value;
  };
}
