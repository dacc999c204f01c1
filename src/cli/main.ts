#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerContractCommand } from './contract-command.ts';
import { EXIT } from './exit-codes.ts';
import { readPackageVersion } from './package-version.ts';
import { registerProxyCommand } from './proxy-command.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerSpecCommand } from './spec-command.ts';

const program = new Command('togai-mock')
  .description('Mock server and contract runner for the Togai Accounts API')
  .version(readPackageVersion(), '-V, --version', 'print the version and exit')
  .showHelpAfterError('(add --help for usage)')
  // Set before the commands are added, so that each inherits it: a usage error exits 2, never 1.
  .exitOverride();
registerServeCommand(program);
registerContractCommand(program);
registerProxyCommand(program);
registerSpecCommand(program);

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
