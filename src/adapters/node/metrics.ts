import type { MockStats } from '../../core/create-mock.ts';
import type { LoggedRequest } from '../../core/index.ts';

/** Upper bounds of the latency buckets, in seconds (Prometheus's defaults, finer at the low end). */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Latency {
  buckets: number[];
  sum: number;
  count: number;
}

/** What `observe` reads of a log line. */
type Answered = Pick<LoggedRequest, 'status' | 'latencyMs' | 'operation'>;

/**
 * The server's Prometheus metrics, in the text exposition format (version 0.0.4). Written here
 * rather than with prom-client: importing prom-client costs 120–160 ms of every start on this
 * 2-core box (measured), to render one counter, one histogram and a few gauges; the hot path here
 * is one map lookup and two increments per request. The test scrapes the text and parses it with
 * parse-prometheus-text-format, so the format is checked by a real parser, not by us.
 */
export class Metrics {
  readonly #requests = new Map<string, number>();
  readonly #latency = new Map<string, Latency>();
  readonly #redis = { commands: 0, errors: 0 };
  #redisSeen = false;

  /** One answered request (the core's log line): by operation and status, and its latency. */
  observe(entry: Answered): void {
    const operation = entry.operation ?? 'none';
    const key = `${operation}\u0000${entry.status}`;
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
    let latency = this.#latency.get(operation);
    if (latency === undefined) {
      latency = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.#latency.set(operation, latency);
    }
    const seconds = entry.latencyMs / 1000;
    latency.sum += seconds;
    latency.count += 1;
    // Buckets hold what is at or under their bound: the first that fits, cumulated when rendered.
    const at = BUCKETS.findIndex((bound) => seconds <= bound);
    if (at >= 0) latency.buckets[at] = (latency.buckets[at] ?? 0) + 1;
  }

  /** One Redis command answered (or failed: timed out, refused, connection gone). */
  redisCommand(failed: boolean): void {
    this.#redisSeen = true;
    this.#redis.commands += 1;
    if (failed) this.#redis.errors += 1;
  }

  /** The exposition text, with the store's numbers as they are now. */
  render(stats: MockStats, ready: boolean): string {
    const out: string[] = [];
    const family = (name: string, type: string, help: string) =>
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family(
      'togai_mock_requests_total',
      'counter',
      'Requests answered, by operation (the spec operationId; admin for the admin API; none when no operation matched) and status (0: no answer, the connection was dropped or held).',
    );
    for (const [key, count] of this.#requests) {
      const [operation = '', status = ''] = key.split('\u0000');
      out.push(
        `togai_mock_requests_total{operation="${escapeLabel(operation)}",status="${status}"} ${count}`,
      );
    }
    family(
      'togai_mock_request_duration_seconds',
      'histogram',
      'Time from the request to its answer being ready, by operation.',
    );
    for (const [operation, latency] of this.#latency) {
      const label = `operation="${escapeLabel(operation)}"`;
      let cumulated = 0;
      BUCKETS.forEach((bound, i) => {
        cumulated += latency.buckets[i] ?? 0;
        out.push(`togai_mock_request_duration_seconds_bucket{${label},le="${bound}"} ${cumulated}`);
      });
      out.push(`togai_mock_request_duration_seconds_bucket{${label},le="+Inf"} ${latency.count}`);
      out.push(`togai_mock_request_duration_seconds_sum{${label}} ${latency.sum}`);
      out.push(`togai_mock_request_duration_seconds_count{${label}} ${latency.count}`);
    }
    family('togai_mock_ready', 'gauge', '1 when the store answers (in Redis mode, Redis), else 0.');
    out.push(`togai_mock_ready ${ready ? 1 : 0}`);
    family('togai_mock_tenants', 'gauge', 'Tenants holding data.');
    out.push(`togai_mock_tenants ${stats.tenants}`);
    if (stats.storedBytes !== undefined) {
      family('togai_mock_stored_bytes', 'gauge', 'Bytes (of JSON) the tenants hold beyond the seeded data.');
      out.push(`togai_mock_stored_bytes ${stats.storedBytes}`);
    }
    if (stats.storedItems !== undefined) {
      family('togai_mock_stored_items', 'gauge', 'Records the tenants hold beyond the seeded data.');
      out.push(`togai_mock_stored_items ${stats.storedItems}`);
    }
    if (stats.evicted !== undefined || stats.expired !== undefined) {
      family(
        'togai_mock_tenant_evictions_total',
        'counter',
        'Tenants whose data was dropped without asking, by reason.',
      );
      out.push(`togai_mock_tenant_evictions_total{reason="evicted"} ${stats.evicted ?? 0}`);
      out.push(`togai_mock_tenant_evictions_total{reason="expired"} ${stats.expired ?? 0}`);
    }
    if (this.#redisSeen) {
      family('togai_mock_redis_commands_total', 'counter', 'Redis round trips (commands and scripts) sent.');
      out.push(`togai_mock_redis_commands_total ${this.#redis.commands}`);
      family(
        'togai_mock_redis_errors_total',
        'counter',
        'Redis commands that failed: no answer in time, refused, or connection lost.',
      );
      out.push(`togai_mock_redis_errors_total ${this.#redis.errors}`);
    }
    renderProcess(out, family);
    return `${out.join('\n')}\n`;
  }
}

function renderProcess(out: string[], family: (name: string, type: string, help: string) => void): void {
  const cpu = process.cpuUsage();
  family('process_cpu_seconds_total', 'counter', 'User and system CPU time spent, in seconds.');
  out.push(`process_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}`);
  family('process_resident_memory_bytes', 'gauge', 'Resident memory size, in bytes.');
  out.push(`process_resident_memory_bytes ${process.memoryUsage.rss()}`);
  family(
    'process_start_time_seconds',
    'gauge',
    'Start time of the process since the Unix epoch, in seconds.',
  );
  out.push(`process_start_time_seconds ${Math.round((Date.now() - process.uptime() * 1000) / 1000)}`);
}

/** A label value in the exposition format: backslash, double quote and line feed escaped. */
const escapeLabel = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
