import { Command } from 'commander';
import { registerContractCommand } from './contract-command.ts';
import { registerProxyCommand } from './proxy-command.ts';
import { registerServeCommand } from './serve-command.ts';

const program = new Command('togai-mock')
  .description('Mock server and contract runner for the Togai Accounts API')
  .showHelpAfterError();
registerServeCommand(program);
registerContractCommand(program);
registerProxyCommand(program);

try {
  await program.parseAsync();
} catch (error) {
  console.error(`togai-mock: ${(error as Error).message}`);
  process.exit(2);
}
