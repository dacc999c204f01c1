import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../shared/result.ts';
import { readPreparedSpec, writePreparedSpec } from '../../spec/prepared-spec.ts';
import { operationKey } from '../../spec/request-schemas.ts';
import type { LoadedSpec, PreparedValidators, Validate } from '../../spec/types.ts';

/** Bumped when what is cached changes shape, so an older entry is never read as a newer one. */
const FORMAT = 1;

/**
 * Where prepared `--spec` files are kept: `$TOGAI_MOCK_CACHE_DIR`, else the user's cache folder
 * (`$XDG_CACHE_HOME`, `~/.cache`; `%LOCALAPPDATA%` on Windows) under `togai-accounts-mock`. A
 * folder per user rather than `node_modules/.cache`: `npx togai-mock` runs with no project around
 * it, and a description served from two projects is prepared once. `TOGAI_MOCK_CACHE_DIR=off` turns
 * the cache off.
 */
export function specCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TOGAI_MOCK_CACHE_DIR === 'off') return undefined;
  if (env.TOGAI_MOCK_CACHE_DIR) return env.TOGAI_MOCK_CACHE_DIR;
  const base =
    env.XDG_CACHE_HOME ||
    (process.platform === 'win32' && env.LOCALAPPDATA ? env.LOCALAPPDATA : join(homedir(), '.cache'));
  return join(base, 'togai-accounts-mock');
}

const hash = (text: string | Uint8Array) => createHash('sha256').update(text).digest('hex');

/**
 * Loads an OpenAPI file as `loadSpec` does, through a disk cache keyed by the file's bytes (and this
 * package's build): on a hit, the built operations and schemas are read back as graph JSON (no
 * YAML parse, no dereferencing, no normalizing: Togai's 2 MB description took ~1 s of CPU), and each
 * operation's validators come from the standalone code ajv wrote the first time that operation was
 * served, so ajv itself is not even imported. A missing, corrupt or foreign entry is ignored and
 * written again; a cache that cannot be written only costs the next start its speed.
 */
export async function loadSpecCached(
  path: string,
  options: { dir?: string | undefined; build?: string } = {},
): Promise<Result<LoadedSpec, string>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return fail(`spec: cannot read ${path}: ${(error as Error).message}`);
  }
  const dir = 'dir' in options ? options.dir : specCacheDir();
  const entry =
    dir && join(dir, `v${FORMAT}-${hash(`${options.build ?? BUILD}\n`).slice(0, 12)}`, hash(bytes));
  if (entry) {
    try {
      return ok(readPreparedSpec(await readFile(join(entry, 'spec.json'), 'utf8'), cachedValidators(entry)));
    } catch {
      // Missing or unreadable: built below and written again.
    }
  }
  const { buildSpecFromText } = await import('../../spec/load-spec.ts');
  const built = await buildSpecFromText(bytes.toString('utf8'), path);
  if (!built.ok || !entry) return built;
  try {
    await writeAtomically(join(entry, 'spec.json'), writePreparedSpec(built.value));
  } catch {
    return built;
  }
  return ok({ ...built.value, validators: cachedValidators(entry) });
}

/** Identifies this package's build: a cache entry written by another version is not read. */
const BUILD = import.meta.url;

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

/**
 * Each operation's validators from its cached standalone code; on a miss, compiled by ajv (imported
 * then) and written for the next start. Standalone CommonJS code run with `new Function`, as ajv
 * runs what it compiles, with its two run-time helpers handed in: no module to resolve.
 */
function cachedValidators(entry: string): PreparedValidators {
  return {
    async forOperation(operation) {
      const file = join(entry, 'validators', `${hash(operationKey(operation)).slice(0, 24)}.cjs`);
      try {
        return await runStandalone(await readFile(file, 'utf8'));
      } catch {
        // Not cached yet, or unreadable: compiled now, and written for the next start.
      }
      const { compileStandaloneParts } = await import('../../core/compile-validators.ts');
      const { parts, code } = compileStandaloneParts(operation);
      await writeAtomically(file, code).catch(() => undefined);
      return parts;
    },
  };
}

async function runStandalone(code: string): Promise<Record<string, Validate>> {
  const { fullFormats, ucs2length } = await import('../../spec/validator-runtime.ts');
  const modules: Record<string, unknown> = {
    'ajv/dist/runtime/ucs2length': { default: ucs2length },
    'ajv-formats/dist/formats': { fullFormats },
  };
  const module = { exports: {} as Record<string, Validate> };
  const require = (name: string) => {
    if (!(name in modules)) throw new Error(`standalone code requires ${name}`);
    return modules[name];
  };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports;
}
