import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';

/**
 * Bundles browser code that uses the MSW entry with esbuild: one call, no config file, a
 * metafile to see what went in (vite's build would go through Rollup for the same output, slower,
 * and its dev server is more than a test needs). `external: ['msw']` measures what the entry adds
 * to an app that already has MSW. With `splitting`, what is imported on demand (ajv for a spec not
 * prepared ahead, the spec fallback's validator) lands in chunks of its own, as in a Vite build:
 * `bytes` is then the entry chunk, what a page loads first, and `lazyBytes` the rest.
 */
export async function bundleForBrowser(options: {
  entry: string;
  minify?: boolean;
  external?: string[];
  format?: 'esm' | 'iife';
  splitting?: boolean;
}): Promise<{
  code: string;
  bytes: number;
  gzipBytes: number;
  lazyBytes: number;
  lazyGzipBytes: number;
  inputs: Record<string, number>;
}> {
  const splitting = options.splitting === true;
  const result = await build({
    entryPoints: [options.entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: options.format ?? 'esm',
    target: 'es2022',
    minify: options.minify ?? true,
    external: options.external ?? [],
    metafile: true,
    logLevel: 'silent',
    ...(splitting ? { splitting: true, outdir: '/bundle' } : {}),
    // Packages read process.env.NODE_ENV to drop development-only code.
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const entryOut = Object.entries(result.metafile.outputs).find(([, out]) => out.entryPoint !== undefined);
  const output = splitting
    ? result.outputFiles.find((file) => entryOut && file.path.endsWith(entryOut[0].replace(/^.*\//, '/')))
    : result.outputFiles[0];
  if (!output || !entryOut) throw new Error('esbuild wrote no output');
  const lazy = result.outputFiles.filter((file) => file !== output);
  const inputs: Record<string, number> = {};
  for (const [path, { bytesInOutput }] of Object.entries(entryOut[1].inputs)) inputs[path] = bytesInOutput;
  return {
    code: output.text,
    bytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents).byteLength,
    lazyBytes: lazy.reduce((sum, file) => sum + file.contents.byteLength, 0),
    lazyGzipBytes: lazy.reduce((sum, file) => sum + gzipSync(file.contents).byteLength, 0),
    inputs,
  };
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * `npm run build:bundle`: the package's `togai-accounts-mock/msw` as one ES module (plus the chunks
 * it imports on demand) over tsc's per-file output, MSW left to the user. A test file's set-up then
 * loads one file instead of ~90 modules and their dependencies' (measured: ~40 instead of ~150 ms of
 * CPU, `npm run bench`). Identifiers are kept, so stack traces stay readable.
 */
export async function bundleMswPackageEntry(): Promise<string[]> {
  const result = await build({
    entryPoints: { index: `${ROOT}src/adapters/msw/index.ts` },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    outdir: `${ROOT}dist/adapters/msw`,
    chunkNames: 'chunks/[name]-[hash]',
    external: ['msw', 'msw/*'],
    minifyWhitespace: true,
    minifySyntax: true,
    write: false,
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.contents);
  }
  return result.outputFiles.map((file) => file.path);
}

/**
 * tsc re-prints the generated modules' one-line code over many lines (the validators triple to
 * ~600 kB): written back compact, as generated.
 */
export async function compactGenerated(): Promise<string[]> {
  const dist = `${ROOT}dist`;
  const files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.generated.js'));
  for (const file of files) {
    const path = `${dist}/${file}`;
    const { code } = await transform(await readFile(path, 'utf8'), {
      format: 'esm',
      minifyWhitespace: true,
      target: 'es2022',
    });
    await writeFile(path, code);
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await compactGenerated();
  const written = await bundleMswPackageEntry();
  console.error(`wrote ${written.length} files: ${written.map((f) => f.replace(ROOT, '')).join(', ')}`);
}
