import type { Fixtures } from './fixtures.ts';
import { AUTH } from './fixtures.ts';
import type { LoadRequest } from './load.ts';
import type { ServerName } from './servers.ts';

export type ScenarioId = 'list-first' | 'list-deep' | 'get-one' | 'create';

export interface Scenario {
  id: ScenarioId;
  label: string;
  servers: readonly ServerName[];
  /** Shared scenarios are the ones Prism can serve too: the targets apply to them. */
  shared: boolean;
  request(): LoadRequest;
}

/**
 * The four scenarios. Prism gets the same URLs: it ignores the token and the id and answers its
 * example, which is all a stateless mock can do. POST is ours and the ceiling only.
 */
export function buildScenarios(fixtures: Fixtures): Scenario[] {
  let created = 0;
  const runTag = process.pid.toString(36);
  return [
    {
      id: 'list-first',
      label: `GET ${fixtures.firstPagePath}`,
      servers: ['ours', 'prism', 'ceiling'],
      shared: true,
      request: () => ({ method: 'GET', path: fixtures.firstPagePath, headers: AUTH }),
    },
    {
      id: 'list-deep',
      label: 'GET /accounts?nextToken=<middle of the list>',
      servers: ['ours', 'prism', 'ceiling'],
      shared: true,
      request: () => ({ method: 'GET', path: fixtures.deepPagePath, headers: AUTH }),
    },
    {
      id: 'get-one',
      label: 'GET /accounts/{id}',
      servers: ['ours', 'prism', 'ceiling'],
      shared: true,
      request: () => ({ method: 'GET', path: fixtures.oneAccountPath, headers: AUTH }),
    },
    {
      id: 'create',
      label: 'POST /accounts (unique id each)',
      servers: ['ours', 'ceiling'],
      shared: false,
      request: () => ({
        method: 'POST',
        path: '/accounts',
        headers: { ...AUTH, 'content-type': 'application/json' },
        // Lowercase ids sort after every seeded (uppercase base32) id, so the pages the GET
        // scenarios read stay the same however many accounts the POST rounds create.
        makeBody: () =>
          JSON.stringify({
            id: `zbench-${runTag}-${(created++).toString(36)}`,
            name: 'Bench Account',
            customerId: fixtures.customerId,
            invoiceCurrency: 'USD',
            primaryEmail: 'bench@example.com',
            tags: ['bench'],
          }),
      }),
    },
  ];
}
