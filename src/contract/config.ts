import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fail, ok, type Result } from '../shared/result.ts';
import { createAjv } from '../spec/create-ajv.ts';
import type { OperationFilter, ReportTarget } from './types.ts';

/** The file name looked for beside the spec (or in the working directory without --spec). */
export const CONFIG_FILE = 'togai-contract.json';

/** What a committed config may set: every run setting except the token, which never belongs in a file. */
export interface ContractConfig {
  baseUrl?: string;
  spec?: string;
  writes?: boolean;
  checks?: string[];
  phases?: string[];
  operations?: string[];
  include?: OperationFilter;
  exclude?: OperationFilter;
  seed?: number;
  timeout?: number;
  retries?: number;
  rateLimit?: number;
  maxPages?: number;
  authMode?: 'per-token' | 'strict';
  /** Seconds. */
  maxTime?: number;
  /** Milliseconds. */
  maxResponseTime?: number;
  fuzzRuns?: number;
  reports?: ReportTarget[];
}

const strings = { type: 'array', items: { type: 'string' } };
const filter = {
  type: 'object',
  additionalProperties: false,
  properties: { paths: strings, methods: strings, tags: strings, operationIds: strings },
};
const count = { type: 'integer', minimum: 0 };
const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    baseUrl: { type: 'string' },
    spec: { type: 'string' },
    writes: { type: 'boolean' },
    checks: strings,
    phases: strings,
    operations: strings,
    include: filter,
    exclude: filter,
    seed: count,
    timeout: count,
    retries: count,
    rateLimit: count,
    maxPages: count,
    authMode: { enum: ['per-token', 'strict'] },
    maxTime: { type: 'number', exclusiveMinimum: 0 },
    maxResponseTime: { type: 'number', exclusiveMinimum: 0 },
    fuzzRuns: count,
    reports: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['format', 'file'],
        properties: { format: { enum: ['junit', 'json', 'har'] }, file: { type: 'string' } },
      },
    },
  },
};

const validate = createAjv({ allErrors: true }).compile(CONFIG_SCHEMA);

/** Parses a config's text; paths in it (spec, reports) are relative to the file's directory. */
export function parseConfig(text: string, file: string): Result<ContractConfig, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  if (value !== null && typeof value === 'object' && 'token' in value)
    return fail(`${file}: "token" does not belong in a committed file; use TOGAI_TOKEN`);
  if (!validate(value)) {
    const error = validate.errors?.[0];
    const where = error?.instancePath || '/';
    const extra =
      error?.keyword === 'additionalProperties' ? ` "${String(error.params.additionalProperty)}"` : '';
    return fail(`${file}: ${where} ${error?.message ?? 'is invalid'}${extra}`);
  }
  const config = value as ContractConfig;
  const base = dirname(file);
  return ok({
    ...config,
    ...(config.spec ? { spec: resolve(base, config.spec) } : {}),
    ...(config.reports
      ? { reports: config.reports.map((r) => ({ ...r, file: resolve(base, r.file) })) }
      : {}),
  });
}

/**
 * The config to use: `--config FILE` when given (it must exist), else `togai-contract.json` beside the spec,
 * else in the working directory; none is fine.
 */
export async function loadConfig(
  explicit: string | undefined,
  specPath: string | undefined,
  cwd = process.cwd(),
): Promise<Result<ContractConfig | undefined, string>> {
  const candidates = explicit
    ? [resolve(cwd, explicit)]
    : [...(specPath ? [join(dirname(resolve(cwd, specPath)), CONFIG_FILE)] : []), join(cwd, CONFIG_FILE)];
  for (const file of candidates) {
    if (!explicit && !existsSync(file)) continue;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      return fail(`--config: cannot read ${file}: ${(error as Error).message}`);
    }
    return parseConfig(text, file);
  }
  return ok(undefined);
}
