import type { Command } from 'commander';
import { judgeReplay, loadCases, resend } from '../contract/replay.ts';
import { MIN_TOKEN_LENGTH, scrubSecret } from '../contract/scrub.ts';

/**
 * `contract replay <caseId> --from FILE`: re-sends one failing request recorded in a JSON or HAR report and
 * judges the answer again. Exit 0 when it now passes, 1 when it still fails, 2 when it cannot run.
 */
export function registerReplayCommand(contract: Command): void {
  contract
    .command('replay <caseId>')
    .description('re-send one failing case from a --report json=FILE or har=FILE and judge it again')
    .requiredOption('--from <file>', 'the JSON or HAR report holding the case')
    .option('--base-url <url>', 'send to this server instead of the recorded one')
    .option('--token <token>', 'bearer token (default: $TOGAI_TOKEN); never printed')
    .option('--spec <path>', 'OpenAPI document, to re-run response checks (default: the bundled spec)')
    // `contract` has --base-url, --token and --spec too and may parse them first: read both levels.
    .action(async (caseId: string, _opts: unknown, cmd: Command) => {
      process.exitCode = await replay(caseId, cmd.optsWithGlobals() as Record<string, string | undefined>);
    });
}

async function replay(caseId: string, opts: Record<string, string | undefined>): Promise<number> {
  const token = opts.token ?? process.env.TOGAI_TOKEN ?? '';
  const secret = token.length >= MIN_TOKEN_LENGTH ? token : undefined;
  const say = (text: string) => process.stdout.write(`${scrubSecret(text, secret)}\n`);
  const cases = await loadCases(String(opts.from));
  if (!cases.ok) {
    process.stderr.write(`togai-mock contract replay: ${cases.error}\n`);
    return 2;
  }
  const found = cases.value.find((c) => c.caseId === caseId);
  if (!found) {
    const known = cases.value.map((c) => c.caseId).slice(0, 20);
    process.stderr.write(
      `togai-mock contract replay: no case ${caseId} in ${opts.from} (cases: ${known.join(', ') || 'none'})\n`,
    );
    return 2;
  }
  say(`Replaying ${found.caseId} (${found.operationId} › ${found.check}): ${found.message}`);
  say(`${found.request.method} ${found.request.url}`);
  const sent = await resend(found, token, opts.baseUrl);
  if (!sent.ok) {
    process.stderr.write(`togai-mock contract replay: ${scrubSecret(sent.error, secret)}\n`);
    return 2;
  }
  const { response } = sent.value;
  say(`→ ${response.status} ${response.headers['content-type'] ?? ''}\n${response.bodyText.slice(0, 2000)}`);
  const problems = await judgeReplay(found, sent.value, opts.spec);
  if (problems.length === 0) {
    say(
      found.expect
        ? 'PASSES now.'
        : 'Re-sent; this check judges a sequence of requests: compare the answer above.',
    );
    return 0;
  }
  say(`STILL FAILING:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return 1;
}
