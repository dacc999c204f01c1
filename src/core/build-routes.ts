import { basePathOf } from '../spec/base-path.ts';
import { createAjv } from '../spec/create-ajv.ts';
import { shapeErrorBody } from '../spec/error-shape.ts';
import { identifyDescription } from '../spec/togai-identity.ts';
import type { LoadedSpec, SpecOperation } from '../spec/types.ts';
import { type Handler, handlerFor } from './handlers.ts';
import { readPageDefaults } from './paginate.ts';
import { createRouter, type Router } from './router.ts';
import type { OperationRoute } from './serve-operation.ts';
import { compileRequestValidator, type RequestValidator } from './validate-request.ts';

/**
 * Every operation of the spec, validators compiled and store handlers bound, in a router: once per
 * spec. The Togai store's handlers bind only to a description that is Togai's (by what it says it
 * is, see `identifyDescription`); any other description's operations answer from its examples,
 * and its errors take the shape it documents. Every path answers as written and under the path of
 * the description's first server (`/v1/pets` for `https://api.example.com/v1`).
 */
export function buildRoutes(
  spec: LoadedSpec,
  items: ReadonlyMap<SpecOperation, Handler> = new Map(),
): Router<OperationRoute> {
  const ajv = createAjv();
  const router = createRouter<OperationRoute>();
  const togai = identifyDescription(spec.document).togai;
  const base = basePathOf(spec.document);
  for (const operation of spec.operations) {
    const handler =
      (togai ? handlerFor(operation.method, operation.path) : undefined) ?? items.get(operation);
    const route: OperationRoute = {
      operation,
      validator: handler ? compileRequestValidator(operation, ajv) : compileOnFirstUse(operation, ajv),
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
 * Operations the store does not implement compile their validators on their first request: Togai's
 * published description has 138 of them, whose compile took a second of every start-up (most are
 * never called in a session). The store's operations, the hot path, still compile at start-up.
 */
function compileOnFirstUse(
  operation: LoadedSpec['operations'][number],
  ajv: ReturnType<typeof createAjv>,
): RequestValidator {
  let compiled: RequestValidator | undefined;
  return {
    operation,
    validate(input) {
      compiled ??= compileRequestValidator(operation, ajv);
      return compiled.validate(input);
    },
  };
}
