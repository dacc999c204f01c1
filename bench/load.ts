import autocannon from 'autocannon';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** Called per request for a body; lets POST send a unique id every time. */
  makeBody?: () => string;
}

export interface LoadResult {
  /** Successful (2xx) responses per second: failures must not count as throughput. */
  rps: number;
  p50: number;
  p99: number;
  /** Mean latency in ms: autocannon's percentiles are whole milliseconds, the mean is not. */
  mean: number;
  total: number;
  non2xx: number;
  errors: number;
}

export const CONNECTIONS = 20;

/** One bounded autocannon run against `baseUrl`; rejects only when autocannon itself fails. */
export async function runLoad(
  baseUrl: string,
  request: LoadRequest,
  seconds: number,
  connections = CONNECTIONS,
): Promise<LoadResult> {
  const { makeBody } = request;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    // A stuck server must end the run, not hang the bench.
    timeout: 10,
    requests: [
      {
        method: request.method,
        path: request.path,
        headers: request.headers,
        ...(makeBody ? { setupRequest: (req) => ({ ...req, body: makeBody() }) } : {}),
      },
    ],
  });
  return {
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
