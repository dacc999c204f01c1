/**
 * Writes fixtures/published/accounts-contract.json: the facts of Togai's published description for
 * the operations our spec implements (matched by method and path template), no prose. Run it when
 * Togai publishes a new description, then review the diff:
 *
 *   npx tsx scripts/extract-published.ts [published.yaml] [out.json]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ContractFacts, extractContract, operationKey } from '../src/spec/extract-contract.ts';
import { DEFAULT_SPEC_PATH } from '../src/spec/load-spec.ts';
import { parseDescription } from '../src/spec/parse-description.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PUBLISHED_PATH = resolve(ROOT, '..', 'shared', 'togai-published', 'openapi.yaml');
export const FIXTURE_PATH = resolve(ROOT, 'fixtures', 'published', 'accounts-contract.json');

/** Where the published description comes from (its README): provenance, not prose. */
const SOURCE = {
  repository: 'zuora/togai-java-client',
  path: 'api/openapi.yaml',
  commit: 'd7be78449c2e136c73a9e6f561ebc08fdd73d678',
  license: 'Apache-2.0',
};

type Doc = Record<string, unknown>;

/** The keys (`GET /accounts/{}`) of the operations our spec declares, in its order. */
export function operationKeysOf(spec: Doc): string[] {
  const keys: string[] = [];
  for (const [path, item] of Object.entries((spec.paths ?? {}) as Record<string, Doc>))
    for (const method of ['get', 'put', 'post', 'delete', 'patch'])
      if (item[method]) keys.push(operationKey(method, path));
  return keys;
}

/** The fixture's JSON text, from the published description's and our spec's texts. Pure. */
export function buildFixture(publishedText: string, ourSpecText: string): string {
  const parse = (text: string): Doc => {
    const parsed = parseDescription(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value as Doc;
  };
  const keys = operationKeysOf(parse(ourSpecText));
  const facts: ContractFacts = extractContract(parse(publishedText), keys);
  const missing = keys.filter(
    (key) => !facts.operations.some((op) => operationKey(op.method, op.path) === key),
  );
  if (missing.length > 0) throw new Error(`not in the published description: ${missing.join(', ')}`);
  return `${JSON.stringify({ source: SOURCE, ...facts }, null, 2)}\n`;
}

async function main(): Promise<void> {
  const [input = PUBLISHED_PATH, output = FIXTURE_PATH] = process.argv.slice(2);
  const text = buildFixture(await readFile(input, 'utf8'), await readFile(DEFAULT_SPEC_PATH, 'utf8'));
  await writeFile(output, text);
  process.stdout.write(`wrote ${output}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`extract-published: ${(error as Error).message}\n`);
    process.exit(2);
  });
}
