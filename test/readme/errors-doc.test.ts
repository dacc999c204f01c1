import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMock, type Mock } from '../../src/core/index.ts';
import { bundledSpec, call } from '../helpers/core-request.ts';

/*
 * docs/errors.md and the behaviour must agree: every row of its table whose input is a request
 * (`GET /accounts?…`) is sent as printed, and answered with the row's status, message and code.
 */

interface Row {
  request: string;
  status: number;
  message: string;
  code: string;
}

async function requestRows(): Promise<Row[]> {
  const text = await readFile(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const request = /^`(GET \/[^`]+)`/.exec(cells[1] ?? '')?.[1];
    if (request === undefined) continue;
    rows.push({
      request,
      status: Number(cells[2]),
      // The column gives how the message starts; `…` stands for what varies.
      message: (/`([^`]+)`/.exec(cells[3] ?? '')?.[1] ?? '').split('…')[0] ?? '',
      code: /`([^`]+)`/.exec(cells[4] ?? '')?.[1] ?? '',
    });
  }
  return rows;
}

let mock: Mock;
beforeAll(async () => {
  mock = createMock({ spec: await bundledSpec(), seed: 2, accounts: 20, customers: 2 });
});

describe('docs/errors.md', () => {
  it('has rows that are requests, and each is answered as the row says', async () => {
    const rows = await requestRows();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      const [method, target] = row.request.split(' ') as [string, string];
      const res = await call(mock, method, target);
      const message = (res.body as { message?: string }).message ?? '';
      expect({
        request: row.request,
        status: res.status,
        message: message.startsWith(row.message) ? row.message : message,
        code: res.headers['x-error-code'],
      }).toEqual({
        request: row.request,
        status: row.status,
        message: row.message,
        code: row.code,
      });
    }
  });
});
