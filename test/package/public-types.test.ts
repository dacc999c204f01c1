import { expectTypeOf, it } from 'vitest';
import type * as implementation from '../../src/mock/create-mock-server.ts';
import type * as published from '../../src/public-api.ts';

// Checked by `tsc --noEmit` (the first step of `npm test`): the published declarations are written out
// by hand so that they need no Express types; these lines fail the type-check the day they drift.
it('publishes the server types of the implementation, less its Express app', () => {
  expectTypeOf<published.MockServerOptions>().toEqualTypeOf<implementation.MockServerOptions>();
  expectTypeOf<published.RunningServer>().toEqualTypeOf<implementation.RunningServer>();
  expectTypeOf<published.MockServer>().toEqualTypeOf<Omit<implementation.MockServer, 'app'>>();
});
