#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { COMMANDS, DEFAULT_COMMAND, requestedCommand } from './commands.ts';
import { EXIT } from './exit-codes.ts';
import { readPackageVersion } from './package-version.ts';

const program = new Command('togai-mock')
  .description('Mock server and contract runner for the Togai Accounts API')
  .version(readPackageVersion(), '-V, --version', 'print the version and exit')
  .showHelpAfterError('(add --help for usage)')
  // Set before the commands are added, so that each inherits it: a usage error exits 2, never 1.
  .exitOverride();

// Only the command asked for is imported and registered in full; the others are listed for the help.
const requested = requestedCommand(process.argv.slice(2));
for (const entry of COMMANDS) {
  if (entry.name === requested) {
    (await entry.load())(program);
  } else {
    const stub = program
      .command(entry.name, { isDefault: entry.name === DEFAULT_COMMAND })
      .description(entry.summary);
    // Listed as `name [options]` like the full command (the stub itself never runs).
    if (entry.hasOptions) stub.argument('[options]');
  }
}

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has already printed the message (or the help / version, which exit 0).
    process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.setup);
  }
  console.error(`togai-mock: ${(error as Error).message}`);
  process.exit(EXIT.setup);
}
