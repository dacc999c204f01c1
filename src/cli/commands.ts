import type { Command } from 'commander';

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
    summary: 'start the mock Togai Accounts API, seeded and stateful',
    hasOptions: true,
    load: async () => (await import('./serve-command.ts')).registerServeCommand,
  },
  {
    name: 'contract',
    summary: 'check a live server against the OpenAPI contract, cursor pagination included',
    hasOptions: true,
    load: async () => (await import('./contract-command.ts')).registerContractCommand,
  },
  {
    name: 'proxy',
    summary: 'forward to a server, judging every exchange against the contract (and record it)',
    hasOptions: true,
    load: async () => (await import('./proxy-command.ts')).registerProxyCommand,
  },
  {
    name: 'spec',
    summary: 'work with OpenAPI descriptions',
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

export const summaryOf = (name: string): string => COMMANDS.find((c) => c.name === name)?.summary ?? '';
