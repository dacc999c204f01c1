import { type Command, InvalidArgumentError, Option } from 'commander';
import { ContractSetupError } from '../contract/contract-setup-error.ts';
import { formatSummary } from '../contract/reports/format-summary.ts';
import { runContract } from '../contract/run-contract.ts';
import { MIN_TOKEN_LENGTH, scrubSecret } from '../contract/scrub.ts';
import { CHECK_IDS, type CheckId, type ContractOptions, type ReportTarget } from '../contract/types.ts';
import { EXIT } from './exit-codes.ts';

const HELP = `
Checks (all run by default; --checks selects):
  ${CHECK_IDS.join(', ')}

Auth modes:
  per-token (default)  a missing or malformed Authorization header must answer 401; a well-formed but
                       unknown token is not expected to, because a server may treat each token as its
                       own tenant (our mock does). Use strict against servers that validate tokens.
  strict               a well-formed wrong token must also answer 401.

Safety: read-only (GET only) unless --writes. With --writes the run creates resources with ids like
contract-<seed>-<n>, touches only those, and deletes them all at the end, also on Ctrl-C.
The token (--token or TOGAI_TOKEN) never appears in output or reports; curl lines use $TOGAI_TOKEN.
It must be at least 8 characters: a shorter one occurs by chance in ids and field names, and could not
be scrubbed without mangling the reports (exit 2).

Exit codes: 0 every check passed, 1 contract failures, 2 bad options / bad spec / unreachable server,
130 interrupted.

Example:
  TOGAI_TOKEN=... togai-mock contract --base-url https://staging.example.com --report junit=reports/contract.xml
`;

const positiveInt =
  (name: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number >= 0`);
    return n;
  };

const list = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

function parseReport(value: string, previous: ReportTarget[] = []): ReportTarget[] {
  const match = /^(junit|json)=(.+)$/.exec(value);
  if (!match?.[1] || !match[2]) throw new InvalidArgumentError('expected junit=FILE or json=FILE');
  return [...previous, { format: match[1] as ReportTarget['format'], file: match[2] }];
}

/** Adds `contract`: runs the contract checks against a live server. */
export function registerContractCommand(program: Command): void {
  program
    .command('contract')
    .description('check a live server against the OpenAPI contract, cursor pagination included')
    .requiredOption('--base-url <url>', 'server to test, e.g. https://sandbox-api.togai.com')
    .option('--token <token>', 'bearer token, at least 8 characters (default: $TOGAI_TOKEN); never printed')
    .option('--spec <path>', 'OpenAPI document (default: the bundled spec)')
    .option('--writes', 'also send POST/PATCH/DELETE (creates and deletes its own resources)', false)
    .option('--checks <ids>', 'comma-separated check ids to run (default: all)', list)
    .option('--operations <ids>', 'comma-separated operationIds to test (default: all)', list)
    .option(
      '--seed <n>',
      'seed for generated inputs and ids (default: random, printed)',
      positiveInt('--seed'),
    )
    .option('--timeout <ms>', 'per-request timeout', positiveInt('--timeout'), 10_000)
    .option('--retries <n>', 'retries on network errors, with backoff', positiveInt('--retries'), 2)
    .option('--rate-limit <rps>', 'max requests per second (0: unlimited)', positiveInt('--rate-limit'), 0)
    .option('--max-pages <n>', 'max pages per list walk', positiveInt('--max-pages'), 200)
    .addOption(
      new Option('--auth-mode <mode>', 'how wrong tokens are judged (see below)')
        .choices(['per-token', 'strict'])
        .default('per-token'),
    )
    .option('--report <format=file>', 'write junit=FILE or json=FILE; repeatable', parseReport)
    .option('--quiet', 'no progress line', false)
    .addHelpText('after', HELP)
    .action(async (opts: Record<string, unknown>) => {
      process.exitCode = await runContractCommand(opts);
    });
}

async function runContractCommand(opts: Record<string, unknown>): Promise<number> {
  const token = (opts.token as string | undefined) ?? process.env.TOGAI_TOKEN;
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    process.stderr.write('\nInterrupted: cleaning up what the run created (Ctrl-C again to quit now)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const showProgress = process.stderr.isTTY === true && opts.quiet !== true;
  const options: ContractOptions = {
    baseUrl: String(opts.baseUrl),
    ...(token ? { token } : {}),
    ...(opts.spec ? { specPath: String(opts.spec) } : {}),
    writes: opts.writes === true,
    ...(opts.checks ? { checks: opts.checks as CheckId[] } : {}),
    ...(opts.operations ? { operations: opts.operations as string[] } : {}),
    seed: (opts.seed as number | undefined) ?? Math.floor(Math.random() * 1_000_000),
    timeoutMs: opts.timeout as number,
    retries: opts.retries as number,
    rateLimit: opts.rateLimit as number,
    maxPages: opts.maxPages as number,
    authMode: opts.authMode as ContractOptions['authMode'] & string,
    reports: (opts.report as ReportTarget[] | undefined) ?? [],
    signal: controller.signal,
    ...(showProgress
      ? {
          onProgress: (e) =>
            process.stderr.write(
              `\r\x1b[K[${e.done}/${e.total}] ${e.operationId} › ${e.check} (${e.requests} requests)`,
            ),
        }
      : {}),
  };
  try {
    const result = await runContract(options);
    if (showProgress) process.stderr.write('\r\x1b[K');
    process.stdout.write(`${scrubSecret(formatSummary(result), token)}\n`);
    if (result.interrupted) return EXIT.interrupted;
    return result.ok ? EXIT.ok : EXIT.failed;
  } catch (error) {
    if (showProgress) process.stderr.write('\r\x1b[K');
    if (!(error instanceof ContractSetupError)) throw error;
    // A token under the minimum is refused before any request, so no message holds it; scrubbing one
    // anyway would mangle the message that says so ("too short" with --token short).
    const secret = token && token.length >= MIN_TOKEN_LENGTH ? token : undefined;
    process.stderr.write(`togai-mock contract: ${scrubSecret(error.message, secret)}\n`);
    return EXIT.setup;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
