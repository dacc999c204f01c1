import type { LoadedSpec, SpecOperation } from '../spec/types.ts';
import { handlerFor } from './handlers.ts';
import { readPageDefaults } from './paginate.ts';
import { createRouter, type Router } from './router.ts';
import type { OperationRoute } from './serve-operation.ts';
import type { MaybePromise } from './types.ts';
import { createRequestValidator, type RequestValidator } from './validate-request.ts';

/** Every operation of the spec in a router, its store handler bound: once per spec, nothing compiled yet. */
export function buildRoutes(spec: LoadedSpec): Router<OperationRoute> {
  const router = createRouter<OperationRoute>();
  for (const operation of spec.operations) {
    const handler = handlerFor(operation.method, operation.path);
    router.add(operation.method, operation.path, {
      operation,
      validator: validatorOnFirstUse(spec, operation),
      pageDefaults: readPageDefaults(
        operation.parameters.find((p) => p.name === 'pageSize')?.schema,
        operation.parameters.find((p) => p.name === 'sortOrder')?.schema,
      ),
      ...(handler ? { handler } : {}),
    });
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
