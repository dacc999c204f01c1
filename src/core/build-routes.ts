import { createAjv } from '../spec/create-ajv.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { handlerFor } from './handlers.ts';
import { readPageDefaults } from './paginate.ts';
import { createRouter, type Router } from './router.ts';
import type { OperationRoute } from './serve-operation.ts';
import { compileRequestValidator } from './validate-request.ts';

/** Every operation of the spec, validators compiled and store handlers bound, in a router: once per spec. */
export function buildRoutes(spec: LoadedSpec): Router<OperationRoute> {
  const ajv = createAjv();
  const router = createRouter<OperationRoute>();
  for (const operation of spec.operations) {
    const handler = handlerFor(operation.method, operation.path);
    router.add(operation.method, operation.path, {
      operation,
      validator: compileRequestValidator(operation, ajv),
      pageDefaults: readPageDefaults(
        operation.parameters.find((p) => p.name === 'pageSize')?.schema,
        operation.parameters.find((p) => p.name === 'sortOrder')?.schema,
      ),
      ...(handler ? { handler } : {}),
    });
  }
  return router;
}
