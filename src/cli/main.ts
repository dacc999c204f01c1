import { Command } from 'commander';
import { registerContractCommand } from './contract-command.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerSpecCommand } from './spec-command.ts';

const program = new Command('togai-mock')
  .description('Mock server and contract runner for the Togai Accounts API')
  .showHelpAfterError();
registerServeCommand(program);
registerContractCommand(program);
registerSpecCommand(program);

try {
  await program.parseAsync();
} catch (error) {
  console.error(`togai-mock: ${(error as Error).message}`);
  process.exit(2);
}
