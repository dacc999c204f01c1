import { type Command, InvalidArgumentError } from 'commander';
import { createProxyServer, PROXY_DEFAULTS } from '../adapters/proxy/create-proxy.ts';
import { createHarRecorder, type HarRecorder } from '../adapters/proxy/har-recorder.ts';
import { createRedactor } from '../adapters/proxy/redact.ts';
import { writeProxyReports } from '../adapters/proxy/write-proxy-reports.ts';
import { DEFAULT_SPEC_PATH, loadSpec } from '../spec/load-spec.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';
import { EXIT } from './exit-codes.ts';
import { byteSize, wholeNumber } from './option-parsers.ts';

interface ProxyFlags {
  upstream: URL;
  port: number;
  host: string;
  spec?: string;
  timeout: number;
  maxBody: number;
  maxResponseTime?: number;
  insecure?: boolean;
  record?: string;
  redact: string[];
  reportDir?: string;
  failOnViolation?: boolean;
}

const upstreamUrl = (value: string): URL => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('must be an http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidArgumentError('must be an http:// or https:// URL');
  if (url.search || url.hash || url.username || url.password)
    throw new InvalidArgumentError('must have no query, fragment or credentials (the proxy adds nothing)');
  return url;
};

const collect = (value: string, previous: string[]) => [...previous, ...value.split(',').filter(Boolean)];

const HELP = `
Every exchange is judged with the contract runner's checks; each violation is printed as one line
and kept at GET /__admin/violations. A request the contract forbids is still forwarded, and its
answer carries X-Contract-Violation. The proxy adds nothing to requests (no credential, no
X-Forwarded-*); bearer tokens never appear in lines, reports or recordings.

On Ctrl-C or SIGTERM: the recording is written, then proxy-report.xml (JUnit), proxy-report.json and
proxy-report.har (the violating exchanges) in --report-dir. Exit code 1 with --fail-on-violation when anything was reported, else 0.

Example:
  togai-mock proxy --upstream https://sandbox-api.togai.com --record traffic.har --report-dir reports
  togai-mock serve --from-recording traffic.har      # then work offline against what was recorded
`;

/** Adds `proxy`: a validating, recording proxy in front of a real server. */
export function registerProxyCommand(program: Command): void {
  program
    .command('proxy')
    .description(COMMAND_SUMMARIES.proxy)
    .requiredOption(
      '--upstream <url>',
      'server to forward to, e.g. https://sandbox-api.togai.com',
      upstreamUrl,
    )
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', wholeNumber(0, 65535), 4020)
    .option('-H, --host <host>', 'address to bind', '127.0.0.1')
    .option('--spec <file>', 'OpenAPI document to judge against (default: the bundled spec)')
    .option(
      '--timeout <ms>',
      'upstream timeout per request (504 past it)',
      wholeNumber(1, 3_600_000),
      PROXY_DEFAULTS.timeoutMs,
    )
    .option(
      '--max-body <size>',
      'largest request or response body held, e.g. 10M',
      byteSize,
      PROXY_DEFAULTS.maxBodyBytes,
    )
    .option(
      '--max-response-time <ms>',
      'report upstream answers slower than this (max-response-time)',
      wholeNumber(1, 3_600_000),
    )
    .option('--insecure', 'do not verify the upstream’s TLS certificate (warns)')
    .option('--record <file.har>', 'record every exchange as HAR 1.2 (tokens and --redact names scrubbed)')
    .option(
      '--redact <names>',
      'header, query or JSON field names to scrub from reports and recordings; repeatable',
      collect,
      [],
    )
    .option('--report-dir <dir>', 'write proxy-report.xml (JUnit), .json and .har there on exit')
    .option('--fail-on-violation', 'exit 1 when any violation was reported')
    .addHelpText('after', HELP)
    .action(async (flags: ProxyFlags) => {
      const specPath = flags.spec ?? DEFAULT_SPEC_PATH;
      const loaded = await loadSpec(specPath);
      if (!loaded.ok) throw new Error(loaded.error);
      if (flags.insecure)
        console.error(
          'togai-mock proxy: WARNING: --insecure: the upstream’s TLS certificate is not verified',
        );
      const recorder: HarRecorder | undefined = flags.record
        ? createHarRecorder(flags.record, createRedactor(flags.redact), {
            onWarning: (message) => console.error(`togai-mock proxy: ${message}`),
          })
        : undefined;
      const upstream = flags.upstream.href.replace(/\/$/, '');
      const proxy = createProxyServer({
        upstream,
        spec: loaded.value,
        insecure: flags.insecure === true,
        timeoutMs: flags.timeout,
        maxBodyBytes: flags.maxBody,
        ...(flags.maxResponseTime === undefined ? {} : { maxResponseTimeMs: flags.maxResponseTime }),
        redact: flags.redact,
        ...(recorder ? { recorder } : {}),
      });
      const { url } = await proxy.listen(flags.port, flags.host);
      console.log(
        [
          `togai-mock proxy listening on ${url} → ${upstream}`,
          `  judging against ${specPath}`,
          `  violations: ${url}/__admin/violations${flags.record ? `   recording: ${flags.record}` : ''}`,
        ].join('\n'),
      );
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        await proxy.close();
        await recorder?.flush();
        const { total } = proxy.violations.list();
        const lines = [`togai-mock proxy: ${total} violation${total === 1 ? '' : 's'} reported`];
        if (recorder) lines.push(`  recorded ${recorder.entries()} exchanges in ${flags.record}`);
        if (flags.reportDir) {
          const files = await writeProxyReports(proxy.violations, upstream, flags.reportDir);
          lines.push(`  reports: ${files.junit}, ${files.json}, ${files.har}`);
        }
        console.log(lines.join('\n'));
        process.exit(flags.failOnViolation && total > 0 ? EXIT.failed : EXIT.ok);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
