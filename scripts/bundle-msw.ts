import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Bundles browser code that uses the MSW entry with esbuild: one call, no config file, a
 * metafile to see what went in (vite's build would go through Rollup for the same output, slower,
 * and its dev server is more than a test needs). `external: ['msw']` measures what the entry adds
 * to an app that already has MSW.
 */
export async function bundleForBrowser(options: {
  entry: string;
  minify?: boolean;
  external?: string[];
  format?: 'esm' | 'iife';
}): Promise<{ code: string; bytes: number; gzipBytes: number; inputs: Record<string, number> }> {
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
    // Packages read process.env.NODE_ENV to drop development-only code.
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild wrote no output');
  const inputs: Record<string, number> = {};
  for (const out of Object.values(result.metafile.outputs))
    for (const [path, { bytesInOutput }] of Object.entries(out.inputs)) inputs[path] = bytesInOutput;
  return {
    code: output.text,
    bytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents).byteLength,
    inputs,
  };
}
