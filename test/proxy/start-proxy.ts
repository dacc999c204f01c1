import {
  createProxyServer,
  type ProxyOptions,
  type ProxyServer,
} from '../../src/adapters/proxy/create-proxy.ts';
import type { Violation } from '../../src/adapters/proxy/violation-log.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';

const loaded = await loadSpec();
if (!loaded.ok) throw new Error(loaded.error);
export const spec = loaded.value;

export interface TestProxy {
  url: string;
  server: ProxyServer;
  lines: string[];
  upstreamErrors: string[];
  violations(): Violation[];
  close(): Promise<void>;
}

/** A proxy in front of `upstream` on a free port of 127.0.0.1, collecting its lines instead of printing. */
export async function startProxy(upstream: string, options: Partial<ProxyOptions> = {}): Promise<TestProxy> {
  const lines: string[] = [];
  const upstreamErrors: string[] = [];
  const server = createProxyServer({
    upstream,
    spec,
    onViolation: (line) => lines.push(line),
    onUpstreamError: (line) => upstreamErrors.push(line),
    ...options,
  });
  const { url } = await server.listen(0, '127.0.0.1');
  return {
    url,
    server,
    lines,
    upstreamErrors,
    violations: () => server.violations.list().violations,
    close: () => server.close(),
  };
}
