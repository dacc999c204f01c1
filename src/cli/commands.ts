import type { Command } from 'commander';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

/** One command of the CLI: what the top-level help shows, and the module that registers it in full. */
export interface CommandEntry {
  name: string;
  summary: string;
  /** Whether the command takes options (the help lists it as `name [options]`). */
  hasOptions: boolean;
  load(): Promise<(program: Command) => void>;
}

/**
 * Every command, each registered from its own module, imported only when that command runs: `--version`
 * and the top-level `--help` import none of them (they cost 0.5–0.7 s of module loading when main.ts
 * imported them all: ajv, Express, the store, the contract runner).
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'serve',
    summary: COMMAND_SUMMARIES.serve,
    hasOptions: true,
    load: async () => (await import('./serve-command.ts')).registerServeCommand,
  },
  {
    name: 'contract',
    summary: COMMAND_SUMMARIES.contract,
    hasOptions: true,
    load: async () => (await import('./contract-command.ts')).registerContractCommand,
  },
  {
    name: 'proxy',
    summary: COMMAND_SUMMARIES.proxy,
    hasOptions: true,
    load: async () => (await import('./proxy-command.ts')).registerProxyCommand,
  },
  {
    name: 'spec',
    summary: COMMAND_SUMMARIES.spec,
    hasOptions: false,
    load: async () => (await import('./spec-command.ts')).registerSpecCommand,
  },
];

/** The default command: what `togai-mock` alone, or with only its options, runs. */
export const DEFAULT_COMMAND = 'serve';

const TOP_LEVEL_FLAGS = new Set(['-V', '--version', '-h', '--help']);

/**
 * The command the arguments ask for, or undefined when they ask only for the top level's version or
 * help. The first argument naming a command wins (`help serve` names serve too); arguments that are
 * only options, or none at all, run the default command, as Commander's `isDefault` does.
 */
export function requestedCommand(args: readonly string[]): string | undefined {
  for (const arg of args) {
    if (COMMANDS.some((command) => command.name === arg)) return arg;
    if (!arg.startsWith('-') && arg !== 'help') break;
  }
  const onlyTopLevel = args.length > 0 && args.every((arg) => TOP_LEVEL_FLAGS.has(arg) || arg === 'help');
  return onlyTopLevel ? undefined : DEFAULT_COMMAND;
}
