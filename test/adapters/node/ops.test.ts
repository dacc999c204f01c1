import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessLogEntry, createAccessLog } from '../../../src/adapters/node/access-log.ts';
import { startMock, type TestMock } from '../../helpers/start-mock.ts';

let mock: TestMock;
beforeAll(async () => {
  mock = await startMock({ seed: 3, accounts: 10, customers: 2, maxTenants: 2, tenantEvictIdleMs: 0 });
});
afterAll(() => mock.close());

let lastText = '';
async function scrape(): Promise<PrometheusFamily[]> {
  const res = await fetch(`${mock.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  lastText = await res.text();
  return parsePrometheusTextFormat(lastText);
}

/** One operation's series of a histogram, parsed alone (the parser merges a family's labelled series). */
function histogramOf(text: string, name: string, operation: string) {
  const label = `operation="${operation}"`;
  const lines = text
    .split('\n')
    .filter((line) =>
      line.startsWith('#') ? line.includes(` ${name} `) : line.startsWith(name) && line.includes(label),
    )
    .map((line) => line.replace(`${label},`, '').replace(`{${label}}`, ''));
  const [parsed] = parsePrometheusTextFormat(`${lines.join('\n')}\n`);
  const series = parsed?.metrics[0];
  if (!series) throw new Error(`no ${name} series for ${operation}`);
  return series;
}
const family = (families: PrometheusFamily[], name: string) => {
  const found = families.find((f) => f.name === name);
  if (!found) throw new Error(`no metric ${name}`);
  return found;
};
const sample = (f: PrometheusFamily, labels: Record<string, string>) =>
  f.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));

describe('health and readiness', () => {
  it('answers /healthz and /readyz with 200 while the store answers', async () => {
    expect(await (await fetch(`${mock.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${mock.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

describe('/metrics', () => {
  it('counts requests by operation and status, times them, and counts tenants and evictions', async () => {
    const before = await scrape();
    const count = (families: PrometheusFamily[], labels: Record<string, string>) =>
      Number(sample(family(families, 'togai_mock_requests_total'), labels)?.value ?? 0);
    const customerId = ((await mock.call('GET', '/customers')).body as { data: { id: string }[] }).data[0]
      ?.id;
    for (let i = 0; i < 3; i++) await mock.call('GET', '/accounts?pageSize=1');
    await mock.call('GET', '/nowhere');
    for (const token of ['m-1', 'm-2', 'm-3']) {
      await mock.call('POST', '/accounts', {
        token,
        body: { id: `M_${token}`, name: 'Metered', customerId },
      });
    }
    const after = await scrape();
    const getAccounts = { operation: 'getAccounts', status: '200' };
    expect(count(after, getAccounts) - count(before, getAccounts)).toBe(3);
    expect(
      count(after, { operation: 'none', status: '404' }) -
        count(before, { operation: 'none', status: '404' }),
    ).toBe(1);
    expect(count(after, { operation: 'createAccount', status: '201' })).toBe(3);

    const latency = family(after, 'togai_mock_request_duration_seconds');
    expect(latency.type).toBe('HISTOGRAM');
    // The parser keeps one series per histogram family: read getAccounts' series alone.
    const timed = histogramOf(lastText, 'togai_mock_request_duration_seconds', 'getAccounts');
    expect(Number(timed.count)).toBeGreaterThanOrEqual(3);
    expect(Number(timed.sum)).toBeGreaterThan(0);
    expect(timed.buckets?.['+Inf']).toBe(timed.count);
    // Counts are cumulative: never smaller at a larger bound.
    const cumulated = Object.entries(timed.buckets ?? {})
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, count]) => Number(count));
    expect(cumulated).toEqual([...cumulated].sort((a, b) => a - b));

    expect(family(after, 'togai_mock_tenants').metrics[0]?.value).toBe('2');
    expect(Number(family(after, 'togai_mock_stored_bytes').metrics[0]?.value)).toBeGreaterThan(0);
    const evicted = sample(family(after, 'togai_mock_tenant_evictions_total'), { reason: 'evicted' });
    expect(evicted?.value).toBe('1');
    expect(family(after, 'togai_mock_ready').metrics[0]?.value).toBe('1');
    expect(family(after, 'togai_mock_requests_total').type).toBe('COUNTER');
  });
});

describe('the access log', () => {
  const entry: AccessLogEntry = {
    id: 'req-1',
    atMs: Date.parse('2025-01-01T10:00:00.123Z'),
    method: 'GET',
    path: '/accounts',
    status: 200,
    latencyMs: 1.5,
    token: 'secret-bearer-token',
    operation: 'getAccounts',
  };
  const collect = () => {
    const written: string[] = [];
    return { written, sink: { write: (text: string) => written.push(text) } };
  };

  it('writes one JSON line per request, with the request id and the tenant named, never the token', async () => {
    const { written, sink } = collect();
    const log = createAccessLog('json', sink);
    log?.record(entry);
    log?.record({ ...entry, id: 'req-2', status: 0, problem: 'dropped' });
    expect(written).toEqual([]);
    log?.flush();
    // Both lines in one write.
    expect(written).toHaveLength(1);
    const lines = (written[0] ?? '')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({
      time: '2025-01-01T10:00:00.123Z',
      id: 'req-1',
      status: 200,
      operation: 'getAccounts',
    });
    expect(lines[0].tenant).toMatch(/^[0-9a-f]{10}$/);
    expect(lines[1]).toMatchObject({ id: 'req-2', status: 0, problem: 'dropped' });
    expect(written.join('')).not.toContain('secret-bearer-token');
  });

  it('writes what JSON.stringify would, for paths and messages a client shaped', async () => {
    const { written, sink } = collect();
    const log = createAccessLog('json', sink);
    const odd = { ...entry, path: '/a"b\\c\u2028d', problem: 'line\nbreak "quoted"', operation: undefined };
    log?.record(odd);
    log?.flush();
    const { time, tenant, ...rest } = JSON.parse(written[0] ?? '');
    expect(rest).toEqual({
      id: 'req-1',
      method: 'GET',
      path: odd.path,
      status: 200,
      ms: 1.5,
      problem: odd.problem,
    });
    expect(time).toBe('2025-01-01T10:00:00.123Z');
    expect(tenant).toMatch(/^[0-9a-f]{10}$/);
  });

  it('writes a readable line in pretty mode, and nothing at all when off', async () => {
    const { written, sink } = collect();
    const log = createAccessLog('pretty', sink);
    log?.record(entry);
    log?.flush();
    expect(written[0]).toMatch(
      /^10:00:00\.123 GET \/accounts 200 1\.5 ms getAccounts tenant=[0-9a-f]{10} id=req-1\n$/,
    );
    expect(createAccessLog('off', sink)).toBeUndefined();
  });

  it('drops lines, and says how many, while the output does not drain', async () => {
    const written: string[] = [];
    let waiting = 8 * 1024 * 1024;
    const sink = {
      write: (text: string) => written.push(text),
      get writableLength() {
        return waiting;
      },
    };
    const log = createAccessLog('json', sink);
    log?.record(entry);
    log?.flush();
    expect(written).toEqual([]);
    waiting = 0;
    log?.record(entry);
    log?.flush();
    expect(written[0]).toMatch(/^togai-mock: 1 access log lines dropped/);
  });
});
