import { fail, ok, type Result } from '../shared/result.ts';
import { DomainException } from '../store/errors.ts';
import type { MockStats } from './create-mock.ts';
import type { TenantRegistry } from './store-port.ts';

/**
 * Ready when the store answers a question that needs it (the number of tenants: in Redis mode a
 * round trip), within `timeoutMs`: a hung store is not ready however its connection looks.
 */
export async function checkReady(tenants: TenantRegistry, timeoutMs: number): Promise<Result<true, string>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Result<true, string>>((resolve) => {
    timer = setTimeout(() => resolve(fail(`store: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  const asked = (async (): Promise<Result<true, string>> => {
    try {
      await tenants.size();
      return ok(true);
    } catch (error) {
      if (error instanceof DomainException) return fail(error.error.message);
      return fail(`store: ${(error as Error).message}`);
    }
  })();
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The tenants' numbers for metrics: what the registry can tell, nothing made up. */
export async function statsOf(tenants: TenantRegistry): Promise<MockStats> {
  const [count, held] = await Promise.all([tenants.size(), tenants.stats?.()]);
  return { tenants: count, ...held };
}
