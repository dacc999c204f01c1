import { describe, expect, it } from 'vitest';
import { createMock, type MockOptions } from '../../src/core/index.ts';
import { bundledSpec, call, coreRequest, readAnswer } from '../helpers/core-request.ts';

const mockWith = async (options: Partial<MockOptions> = {}) =>
  createMock({ spec: await bundledSpec(), seed: 4, accounts: 6, customers: 2, ...options });

const message = (body: unknown) => (body as { message: string }).message;
const NOT_JSON = `{"accounts":[${'x'.repeat(3 * 1024 * 1024)}`;

describe('an import its tenant cannot hold', () => {
  it('is refused with 413 before a byte of it is parsed, naming the tenant budget', async () => {
    const mock = await mockWith({ maxTenantBytes: 256 * 1024 });
    // Not JSON at all: a parser would answer 400 INVALID_JSON; the size alone answers first.
    const res = await call(mock, 'POST', '/__admin/import', { token: 'small', body: NOT_JSON });
    expect(res.status).toBe(413);
    expect(res.headers['x-error-code']).toBe('PAYLOAD_TOO_LARGE');
    expect(message(res.body)).toMatch(/^body: larger than the \d+ bytes an import into this tenant may be/);
  });

  it('asks the adapter to stop reading past what the tenant can hold', async () => {
    const mock = await mockWith({ maxTenantBytes: 256 * 1024 });
    let asked = 0;
    const answer = await mock.handle({
      ...coreRequest('POST', '/__admin/import', { token: 'streamed', body: '{}' }),
      body: async (limit) => {
        asked = limit;
        return { ok: false, reason: 'too-large' };
      },
    });
    expect(readAnswer(answer).status).toBe(413);
    expect(asked).toBeGreaterThan(256 * 1024);
    expect(asked).toBeLessThan(1024 * 1024);
  });
});

describe('a large import that fits', () => {
  it('gives other requests a turn while it is parsed, not only while it is applied', async () => {
    let turns = 0;
    const mock = await mockWith({
      yieldToOthers: async () => {
        turns += 1;
      },
    });
    const customerId = ((await call(mock, 'GET', '/customers')).body as { data: { id: string }[] }).data[0]
      ?.id;
    const big = 'y'.repeat(50_000);
    const accounts = Array.from({ length: 40 }, (_, i) => ({
      id: `BIG_${i}`,
      name: `Big ${i}`,
      customerId,
      metadata: { big },
    }));
    const res = await call(mock, 'POST', '/__admin/import', { token: 'large', body: { accounts } });
    expect(res.status).toBe(200);
    // 2 MB of JSON in 40 items: fewer items than one slice of the apply, so every turn is the parse's.
    expect(turns).toBeGreaterThanOrEqual(7);
    expect((await call(mock, 'GET', '/accounts/BIG_39', { token: 'large' })).status).toBe(200);
  });
});

describe('a large import checked in slices', () => {
  it('names the item at fault by its place in the whole fixture, past the first slice', async () => {
    const mock = await mockWith();
    const customerId = ((await call(mock, 'GET', '/customers')).body as { data: { id: string }[] }).data[0]
      ?.id;
    const accounts: Record<string, unknown>[] = Array.from({ length: 450 }, (_, i) => ({
      id: `SLICED_${i}`,
      name: `Sliced ${i}`,
      customerId,
    }));
    accounts[437] = { id: 'SLICED_437', customerId };
    const res = await call(mock, 'POST', '/__admin/import', { token: 'sliced', body: { accounts } });
    expect(res.status).toBe(400);
    expect(message(res.body)).toBe("fixture.accounts[437].name: must have required property 'name'");
    const top = await call(mock, 'POST', '/__admin/import', {
      token: 'sliced',
      body: { accounts, extra: 1 },
    });
    expect(message(top.body)).toBe('fixture.extra: is not an allowed property');
  });
});
