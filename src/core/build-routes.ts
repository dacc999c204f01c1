import { basePathOf } from '../spec/base-path.ts';
import { shapeErrorBody } from '../spec/error-shape.ts';
import { identifyDescription } from '../spec/togai-identity.ts';
import type { LoadedSpec, SpecOperation } from '../spec/types.ts';
import { type Handler, handlerFor } from './handlers.ts';
import { readPageDefaults } from './paginate.ts';
import { createRouter, type Router } from './router.ts';
import type { OperationRoute } from './serve-operation.ts';
import type { MaybePromise } from './types.ts';
import { createRequestValidator, type RequestValidator } from './validate-request.ts';

/**
 * Every operation of the spec in a router, its store handler bound: once per spec, nothing compiled
 * yet. Togai's hand-written rules bind only to a description that is Togai's (by what it says it
 * is, see `identifyDescription`); the collections any description implies are the store's too
 * (`items`); the rest answers from its examples, and errors take the shape it documents. Every path
 * answers as written and under the path of the description's first server (`/v1/pets`).
 */
export function buildRoutes(
  spec: LoadedSpec,
  items: ReadonlyMap<SpecOperation, Handler> = new Map(),
): Router<OperationRoute> {
  const router = createRouter<OperationRoute>();
  const togai = identifyDescription(spec.document).togai;
  const base = basePathOf(spec.document);
  for (const operation of spec.operations) {
    const handler =
      (togai ? handlerFor(operation.method, operation.path) : undefined) ?? items.get(operation);
    const route: OperationRoute = {
      operation,
      validator: validatorOnFirstUse(spec, operation),
      pageDefaults: readPageDefaults(
        operation.parameters.find((p) => p.name === 'pageSize')?.schema,
        operation.parameters.find((p) => p.name === 'sortOrder')?.schema,
      ),
      ...(handler ? { handler } : {}),
      ...(togai ? {} : { shapeError: (status, message) => shapeErrorBody(operation, status, message) }),
    };
    router.add(operation.method, operation.path, route);
    if (base) router.add(operation.method, `${base}${operation.path}`, route);
  }
  return router;
}

/**
 * An operation's validator, made on its first request: from the validators prepared ahead when the
 * spec has them (the bundled spec's, generated at build time; a `--spec` file's, from the disk
 * cache), else compiled by ajv, imported then. Compiling every operation at start-up cost a second
 * of Togai's published description (138 of its operations are not the store's); the bundled spec's
 * path never loads ajv at all. Synchronous once made.
 */
function validatorOnFirstUse(
  spec: LoadedSpec,
  operation: SpecOperation,
): () => MaybePromise<RequestValidator> {
  let made: RequestValidator | undefined;
  let making: Promise<RequestValidator> | undefined;
  const make = async (): Promise<RequestValidator> => {
    const prepared = await spec.validators?.forOperation(operation);
    const parts = prepared ?? (await import('./compile-validators.ts')).compileRequestParts(spec, operation);
    made = createRequestValidator(operation, parts);
    return made;
  };
  return () => {
    if (made) return made;
    making ??= make();
    return making;
  };
}
