import { type ContractConfig, loadConfig } from '../contract/config.ts';
import type { ContractOptions, OperationFilter, PhaseId, ReportTarget } from '../contract/types.ts';
import { fail, ok, type Result } from '../shared/result.ts';

type Opts = Record<string, unknown>;

const filterFrom = (
  opts: Opts,
  prefix: 'include' | 'exclude',
  config?: OperationFilter,
): OperationFilter | undefined => {
  const pick = (flag: string, fromConfig?: readonly string[]) =>
    (opts[`${prefix}${flag}`] as string[] | undefined) ?? fromConfig;
  const filter: OperationFilter = {
    ...(pick('Path', config?.paths) ? { paths: pick('Path', config?.paths) as string[] } : {}),
    ...(pick('Method', config?.methods) ? { methods: pick('Method', config?.methods) as string[] } : {}),
    ...(pick('Tag', config?.tags) ? { tags: pick('Tag', config?.tags) as string[] } : {}),
    ...(pick('OperationId', config?.operationIds)
      ? { operationIds: pick('OperationId', config?.operationIds) as string[] }
      : {}),
  };
  return Object.keys(filter).length ? filter : undefined;
};

/**
 * The run's options from the command line and the config file: a flag given on the command line wins, then
 * the config, then the flag's default. Returns the spec path used, for annotations.
 */
export async function buildContractOptions(
  opts: Opts,
  fromCli: (name: string) => boolean,
): Promise<Result<{ options: ContractOptions; config?: ContractConfig }, string>> {
  const loaded = await loadConfig(opts.config as string | undefined, opts.spec as string | undefined);
  if (!loaded.ok) return fail(loaded.error);
  const config = loaded.value ?? {};
  const pick = <T>(name: string, fromConfig: T | undefined): T | undefined =>
    fromCli(name) || fromConfig === undefined ? (opts[name] as T | undefined) : fromConfig;
  const baseUrl = pick<string>('baseUrl', config.baseUrl);
  if (!baseUrl) return fail('--base-url is required (or "baseUrl" in the config file)');
  const specPath = pick<string>('spec', config.spec);
  const seed = pick<number>('seed', config.seed) ?? Math.floor(Math.random() * 1_000_000);
  const maxTime = pick<number>('maxTime', config.maxTime);
  const maxResponseTime = pick<number>('maxResponseTime', config.maxResponseTime);
  const include = filterFrom(opts, 'include', config.include);
  const exclude = filterFrom(opts, 'exclude', config.exclude);
  const checks = pick<string[]>('checks', config.checks);
  const phases = pick<string[]>('phases', config.phases);
  const operations = pick<string[]>('operations', config.operations);
  const options: ContractOptions = {
    baseUrl,
    ...(specPath ? { specPath } : {}),
    writes: pick<boolean>('writes', config.writes) === true,
    ...(checks ? { checks: checks as ContractOptions['checks'] & string[] } : {}),
    ...(phases ? { phases: phases as PhaseId[] } : {}),
    ...(operations ? { operations } : {}),
    ...(include ? { include } : {}),
    ...(exclude ? { exclude } : {}),
    seed,
    fuzzRuns: pick<number>('fuzzRuns', config.fuzzRuns) as number,
    ...(maxTime !== undefined ? { maxTimeMs: maxTime * 1000 } : {}),
    ...(maxResponseTime !== undefined ? { maxResponseTimeMs: maxResponseTime } : {}),
    timeoutMs: pick<number>('timeout', config.timeout) as number,
    retries: pick<number>('retries', config.retries) as number,
    rateLimit: pick<number>('rateLimit', config.rateLimit) as number,
    maxPages: pick<number>('maxPages', config.maxPages) as number,
    authMode: pick<ContractOptions['authMode']>('authMode', config.authMode) ?? 'per-token',
    reports: [
      ...((opts.report as ReportTarget[] | undefined) ?? []),
      ...(fromCli('report') ? [] : (config.reports ?? [])),
    ],
  };
  return ok({ options, ...(loaded.value ? { config: loaded.value } : {}) });
}
