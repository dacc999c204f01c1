import { type Command, InvalidArgumentError } from 'commander';
import { createMockServer, DEFAULTS } from '../mock/create-mock-server.ts';

const wholeNumber = (min: number, max: number) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
};

interface ServeFlags {
  port: number;
  host: string;
  seed: number;
  accounts: number;
  customers: number;
  spec?: string;
  shared?: boolean;
  maxTenants?: number;
  maxAccounts?: number;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('start the mock Togai Accounts API, seeded and stateful')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', wholeNumber(0, 65535), DEFAULTS.port)
    .option('-H, --host <host>', 'address to bind', DEFAULTS.host)
    .option('-s, --seed <seed>', 'seed of the generated data (same seed, same bytes)', wholeNumber(0, 2 ** 31 - 1), DEFAULTS.seed)
    .option('-a, --accounts <n>', 'number of seeded accounts', wholeNumber(0, 5_000_000), DEFAULTS.accounts)
    .option('-c, --customers <n>', 'number of seeded customers', wholeNumber(1, 100_000), DEFAULTS.customers)
    .option('--spec <file>', 'OpenAPI document to serve (default: the bundled spec)')
    .option('--shared', 'one shared state for every token (default: one isolated tenant per token)')
    .option('--max-tenants <n>', 'most tenants kept at once', wholeNumber(1, 1_000_000))
    .option('--max-accounts <n>', 'most accounts one tenant may hold', wholeNumber(1, 50_000_000))
    .action(async (flags: ServeFlags) => {
      const started = performance.now();
      const server = await createMockServer({
        seed: flags.seed,
        accounts: flags.accounts,
        customers: flags.customers,
        ...(flags.spec ? { specPath: flags.spec } : {}),
        ...(flags.shared ? { shared: true } : {}),
        ...(flags.maxTenants ? { maxTenants: flags.maxTenants } : {}),
        ...(flags.maxAccounts ? { maxAccounts: flags.maxAccounts } : {}),
      });
      const { url } = await server.listen(flags.port, flags.host);
      const ms = Math.round(performance.now() - started);
      console.log(`togai-mock listening on ${url} (ready in ${ms} ms)`);
      console.log(
        `  seed ${flags.seed}, ${flags.accounts} accounts, ${flags.customers} customers, ${flags.shared ? 'one shared state' : 'one tenant per bearer token'}`,
      );
      console.log(`  try: curl -s -H 'Authorization: Bearer demo-token' '${url}/accounts?pageSize=2'`);
      const stop = () => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
