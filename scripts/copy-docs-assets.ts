import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run build:assets`: the files the /docs page loads, copied from the `swagger-ui-dist`
 * devDependency into vendor/swagger-ui/ (shipped in the package), with its Apache-2.0 licence and
 * notice. The package then installs no `swagger-ui-dist` (12 MB, and `@scarf/scarf`, whose install
 * script reports the download to an analytics service): ~2 MB of exactly what the page serves.
 */
export const VENDOR_DIR = fileURLToPath(new URL('../vendor/swagger-ui', import.meta.url));
export const SWAGGER_UI_FILES = [
  'swagger-ui-bundle.js',
  'swagger-ui-bundle.js.LICENSE.txt',
  'swagger-ui.css',
  'favicon-16x16.png',
  'favicon-32x32.png',
  'LICENSE',
  'NOTICE',
];

export async function copyDocsAssets(): Promise<void> {
  const source = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  await rm(VENDOR_DIR, { recursive: true, force: true });
  await mkdir(VENDOR_DIR, { recursive: true });
  for (const file of SWAGGER_UI_FILES) await copyFile(join(source, file), join(VENDOR_DIR, file));
  const { version } = JSON.parse(await readFile(join(source, 'package.json'), 'utf8')) as { version: string };
  await writeFile(
    join(VENDOR_DIR, 'README.md'),
    `Swagger UI ${version} (swagger-ui-dist), Apache-2.0 (see LICENSE and NOTICE): the files the /docs page loads, copied by scripts/copy-docs-assets.ts.\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await copyDocsAssets();
  console.error(`wrote ${VENDOR_DIR}`);
}
