import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { fail, ok, type Result } from '../shared/result.ts';
import { diffSpecs, formatDiff } from '../spec/diff-spec.ts';
import { DEFAULT_SPEC_PATH } from '../spec/load-spec.ts';
import { parseDescription } from '../spec/parse-description.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const EXIT = { same: 0, breaking: 1, setup: 2 } as const;

const HELP = `
Compares this spec (the bundled one, or --spec) with another OpenAPI 3 description, operation by
operation (method + path template; parameter names do not matter). Findings, seen from this spec:
  breaking  a client generated from the other description can trip: a request it may send is
            refused (new required field or parameter, narrower type, enum or bounds, closed
            object), or an answer it cannot read (a property its closed schema does not allow, a
            required property made optional, a wider type or enum), or a renamed operationId
  stricter  this spec answers less than the other allows (fine)
  looser    this spec accepts more, or answers within wider bounds
  missing   the other declares it, this spec does not (an operation, parameter, property, status)
  added     this spec declares it, the other does not (extra statuses, optional parameters)

Exit codes: 0 no breaking difference, 1 at least one, 2 bad options or an unreadable description.

Example (in CI, whenever Togai publishes a new description):
  togai-mock spec diff --against togai-openapi.yaml
`;

async function readDescription(path: string): Promise<Result<unknown, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return fail(`cannot read ${path}: ${(error as Error).message}`);
  }
  const parsed = parseDescription(text);
  return parsed.ok ? ok(parsed.value) : fail(`${path} is not valid YAML or JSON: ${parsed.error}`);
}

const RESOURCES_HELP = `
Prints the resources the mock infers from an OpenAPI description: for each collection its path,
the item's key ({path parameter}=property, and the rule that found it: name, ref, format, id,
required, overlay, extension), its operations (L list, C create, R read, U update, P replace,
D delete, A action), its list envelope and paging parameters, and whether a store can hold it
(stateful) or it is answered from the description's examples, and why. Then every operation
outside a resource, and why.

Where the guess is wrong, correct it in togai-mock.resources.json beside the description (or
--resources FILE), or with x-togai-mock-resource / x-togai-mock-role / x-togai-mock-key in the
description itself; docs/resources.md shows the format.

Exit codes: 0 printed, 2 an unreadable description or overlay.
`;

/** Adds \`spec diff\` and \`spec resources\`. */
export function registerSpecCommand(program: Command): void {
  const spec = program.command('spec').description(COMMAND_SUMMARIES.spec);
  spec
    .command('diff')
    .description('compare this spec with another description: missing, added, stricter, looser, breaking')
    .requiredOption('--against <file>', 'the other description (YAML or JSON), e.g. Togai’s published one')
    .option('--spec <file>', 'the spec to check (default: the bundled spec/openapi.yaml)')
    .option('--json', 'print the findings as JSON')
    .option('--all', 'list every operation only the other description has, not just their count')
    .addHelpText('after', HELP)
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT.setup))
    .action(async (options: { against: string; spec?: string; json?: boolean; all?: boolean }) => {
      const ours = await readDescription(options.spec ?? DEFAULT_SPEC_PATH);
      const theirs = ours.ok ? await readDescription(options.against) : ours;
      if (!ours.ok || !theirs.ok) {
        process.stderr.write(
          `togai-mock spec diff: ${ours.ok ? (theirs as { error: string }).error : ours.error}\n`,
        );
        process.exitCode = EXIT.setup;
        return;
      }
      const report = diffSpecs(ours.value, theirs.value);
      if (!report.ok) {
        process.stderr.write(`togai-mock spec diff: ${report.error}\n`);
        process.exitCode = EXIT.setup;
        return;
      }
      process.stdout.write(
        options.json ? `${JSON.stringify(report.value, null, 2)}\n` : formatDiff(report.value, options.all),
      );
      process.exitCode = report.value.breaking > 0 ? EXIT.breaking : EXIT.same;
    });
  spec
    .command('resources')
    .description(
      'print the resources inferred from a description: keys, operations, lists, stateful or not and why',
    )
    .argument('<file>', 'the OpenAPI description (YAML or JSON)')
    .option('--json', 'print the model as JSON')
    .option(
      '--resources <file>',
      `overlay correcting the guesses (default: togai-mock.resources.json beside FILE)`,
    )
    .addHelpText('after', RESOURCES_HELP)
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT.setup))
    .action(async (file: string, options: { json?: boolean; resources?: string }) => {
      // Loaded on use: the other commands never load the inference.
      const { runSpecResources } = await import('./spec-resources.ts');
      process.exitCode = await runSpecResources(file, options);
    });
}
