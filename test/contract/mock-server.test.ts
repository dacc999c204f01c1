import { describe, expect, it } from 'vitest';
import { runContract } from '../../src/contract/run-contract.ts';
import type { ContractResult } from '../../src/contract/types.ts';
import { createMockServer } from '../../src/mock/create-mock-server.ts';

async function runAgainstMock(writes: boolean): Promise<ContractResult> {
  const server = await createMockServer({ seed: 1 });
  const { url } = await server.listen(0, '127.0.0.1');
  try {
    return await runContract({ baseUrl: url, token: 'mock-contract-token', seed: 11, retries: 0, writes });
  } finally {
    await server.close();
  }
}

const failures = (result: ContractResult) =>
  result.outcomes
    .filter((o) => o.status === 'failed')
    .map((o) => `${o.operationId} ${o.check}: ${o.failures[0]?.message ?? ''}`);

describe('runContract against our own mock', () => {
  it('passes every check read-only', async () => {
    const result = await runAgainstMock(false);
    expect(failures(result)).toEqual([]);
    expect(result.outcomes.filter((o) => o.status === 'passed' && o.check === 'pagination')).toHaveLength(3);
  });

  it('passes every check with writes, and leaves nothing behind', async () => {
    const result = await runAgainstMock(true);
    expect(failures(result)).toEqual([]);
    expect(result.leftovers).toEqual([]);
    expect(
      result.outcomes.find((o) => o.operationId === 'deleteAccount' && o.check === 'stateful-lifecycle')
        ?.status,
    ).toBe('passed');
  });
});

describe('an interrupted run against our mock', () => {
  it('stops early and still deletes everything it created', async () => {
    const server = await createMockServer({ seed: 1 });
    const { url } = await server.listen(0, '127.0.0.1');
    try {
      const controller = new AbortController();
      const result = await runContract({
        baseUrl: url,
        token: 'mock-interrupt-token',
        seed: 12,
        retries: 0,
        writes: true,
        signal: controller.signal,
        // Interrupt once accounts exist: after createAccount's checks, while updateAccount runs.
        onProgress: (event) => event.operationId === 'updateAccount' && controller.abort(),
      });
      expect(result.interrupted).toBe(true);
      expect(result.ok).toBe(false);
      expect(result.leftovers).toEqual([]);
      // Generated ids are lowercase, so they sort last: a DESC page shows any that survived.
      const res = await fetch(`${url}/accounts?pageSize=100&sortOrder=DESC`, {
        headers: { authorization: 'Bearer mock-interrupt-token' },
      });
      const { data } = (await res.json()) as { data: { id: string }[] };
      expect(data.filter((account) => account.id.startsWith('contract-'))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
