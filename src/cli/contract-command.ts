import { type Command, InvalidArgumentError, Option } from 'commander';
import { CHECK_IDS } from '../contract/checks/registry.ts';
import { ContractSetupError } from '../contract/contract-setup-error.ts';
import { formatAnnotations } from '../contract/reports/format-annotations.ts';
import { formatSummary } from '../contract/reports/format-summary.ts';
import { runContract } from '../contract/run-contract.ts';
import { MIN_TOKEN_LENGTH, scrubSecret } from '../contract/scrub.ts';
import { PHASE_IDS } from '../contract/types.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';
import { buildContractOptions } from './contract-options.ts';
import { registerReplayCommand } from './contract-replay.ts';
import { EXIT } from './exit-codes.ts';

const HELP = `
Phases (all by default; --phases selects): ${PHASE_IDS.join(', ')}
  examples   the spec's own parameter and body examples must be accepted
  coverage   values just inside and just outside every constraint (lengths in code points, with astral
             characters), each enum value, missing required inputs, wrong types, undocumented methods (405),
             auth probes
  fuzzing    seeded fast-check inputs; a failing case is shrunk to a minimal one (--seed reproduces it;
             --fuzz-runs per operation, or --max-time to fuzz until the budget is spent)
  stateful   pagination walks; create → read → update → read → delete → read for every resource

Checks (all by default; --checks selects):
  ${CHECK_IDS.join(', ')}

Auth modes:
  per-token (default)  a missing or malformed Authorization header must answer 401; a well-formed but
                       unknown token is not expected to, because a server may treat each token as its
                       own tenant (our mock does). Use strict against servers that validate tokens.
  strict               a well-formed wrong token must also answer 401.

Safety: read-only (GET only, plus unauthenticated requests whose body cannot be parsed) unless --writes.
With --writes the run creates resources with keys like contract-<seed>-<n>, touches only those, and deletes
them all at the end, also on Ctrl-C. The token (--token or TOGAI_TOKEN) never appears in output or reports;
curl lines use $TOGAI_TOKEN. It must be at least 8 characters.

Config: settings can live in togai-contract.json beside the spec (or --config FILE); flags win over it.
Reports: --report junit=FILE, json=FILE, har=FILE (repeatable). \`contract replay <caseId> --from FILE\`
re-sends one failing case from a JSON or HAR report. With GITHUB_ACTIONS=true, failures are also printed
as ::error annotations.

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
const positiveNumber =
  (name: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a number > 0`);
    return n;
  };

const list = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export function parseReport(value: string, previous: { format: string; file: string }[] = []) {
  const match = /^(junit|json|har)=(.+)$/.exec(value);
  if (!match?.[1] || !match[2]) throw new InvalidArgumentError('expected junit=FILE, json=FILE or har=FILE');
  return [...previous, { format: match[1], file: match[2] }];
}

/** Adds `contract` (and `contract replay`): runs the contract against a live server. */
export function registerContractCommand(program: Command): void {
  const command = program
    .command('contract')
    .description(COMMAND_SUMMARIES.contract)
    .option(
      '--base-url <url>',
      'server to test, e.g. https://sandbox-api.togai.com (or baseUrl in the config)',
    )
    .option('--token <token>', 'bearer token, at least 8 characters (default: $TOGAI_TOKEN); never printed')
    .option('--spec <path>', 'OpenAPI document (default: the bundled spec)')
    .option('--config <file>', 'settings file (default: togai-contract.json beside the spec, or here)')
    .option('--writes', 'also send POST/PUT/PATCH/DELETE (creates and deletes its own resources)', false)
    .option('--phases <ids>', `comma-separated phases (default: all: ${PHASE_IDS.join(',')})`, list)
    .option('--checks <ids>', 'comma-separated check ids to run (default: all)', list)
    .option('--operations <ids>', 'comma-separated operationIds to test (default: all)', list)
    .option('--include-path <paths>', 'only these path templates (a trailing * matches a prefix)', list)
    .option('--include-method <methods>', 'only these methods', list)
    .option('--include-tag <tags>', 'only operations with one of these tags', list)
    .option('--include-operation-id <ids>', 'only these operationIds', list)
    .option('--exclude-path <paths>', 'leave out these path templates (trailing * for a prefix)', list)
    .option('--exclude-method <methods>', 'leave out these methods', list)
    .option('--exclude-tag <tags>', 'leave out operations with one of these tags', list)
    .option('--exclude-operation-id <ids>', 'leave out these operationIds', list)
    .option(
      '--seed <n>',
      'seed for generated inputs, ids and fuzzing (default: random, printed)',
      positiveInt('--seed'),
    )
    .option(
      '--fuzz-runs <n>',
      'fuzzing cases per operation without --max-time',
      positiveInt('--fuzz-runs'),
      6,
    )
    .option(
      '--max-time <seconds>',
      'whole-run budget: fuzzing fills it, nothing new starts after it',
      positiveNumber('--max-time'),
    )
    .option(
      '--max-response-time <ms>',
      'fail responses slower than this',
      positiveNumber('--max-response-time'),
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
    .option('--report <format=file>', 'write junit=FILE, json=FILE or har=FILE; repeatable', parseReport)
    .option('--quiet', 'no progress line', false)
    .addHelpText('after', HELP)
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      process.exitCode = await runContractCommand(opts, cmd);
    });
  registerReplayCommand(command);
}

async function runContractCommand(opts: Record<string, unknown>, cmd: Command): Promise<number> {
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
  const clear = () => showProgress && process.stderr.write('\r\x1b[K');
  try {
    const built = await buildContractOptions(opts, (name) => cmd.getOptionValueSource(name) === 'cli');
    if (!built.ok) throw new ContractSetupError('usage', built.error);
    const options = {
      ...built.value.options,
      ...(token ? { token } : {}),
      signal: controller.signal,
      ...(showProgress
        ? {
            onProgress: (e: {
              done: number;
              total: number;
              operationId: string;
              phase: string;
              requests: number;
            }) =>
              process.stderr.write(
                `\r\x1b[K[${e.done}/${e.total}] ${e.phase} › ${e.operationId} (${e.requests} requests)`,
              ),
          }
        : {}),
    };
    const result = await runContract(options);
    clear();
    process.stdout.write(`${scrubSecret(formatSummary(result), token)}\n`);
    if (process.env.GITHUB_ACTIONS === 'true') {
      const annotations = formatAnnotations(result, built.value.options.specPath);
      if (annotations) process.stdout.write(`${scrubSecret(annotations, token)}\n`);
    }
    if (result.interrupted) return EXIT.interrupted;
    return result.ok ? EXIT.ok : EXIT.failed;
  } catch (error) {
    clear();
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
