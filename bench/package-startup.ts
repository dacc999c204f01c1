import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnServer } from './child-server.ts';
import { AUTH } from './fixtures.ts';
import { checkInstant, type InstantStartup, measureInstant, median } from './instant.ts';
import type { TargetCheck } from './targets.ts';

/**
 * Start-up as a user of the package sees it: the tarball `npm pack` makes, installed into an empty
 * project (install scripts off), then, several times each, process start to the first 200 of
 * `GET /accounts` with the default data set, for
 * - the CLI as its bin runs it (`node_modules/.bin/togai-mock serve`, what a test set-up spawns),
 * - the same through `npx togai-mock serve` (npm's own start-up added; what a person types),
 * - a plain `.mjs` that imports `createMockServer()` and listens.
 * The median of each is judged: CLI < 1 s, library < 0.5 s.
 */

const ROOT = new URL('..', import.meta.url).pathname;
const PROBE = '/accounts';
const URL_LINE = /listening on (http:\/\/\S+)/;

const LIBRARY_START = `import { createMockServer } from 'togai-accounts-mock';
const mock = await createMockServer();
const { url } = await mock.listen(0, '127.0.0.1');
console.log('listening on ' + url);
`;

export interface PackageStartup {
  runs: number;
  /** Spawn to first 200, in ms, each run. */
  binMs: number[];
  npxMs: number[];
  libraryMs: number[];
  /**
   * CPU the server process used up to its first 200, in ms: unlike the wall time it barely moves
   * when other processes compete for the cores, so it tells what a quiet machine would see.
   */
  binCpuMs: number[];
  libraryCpuMs: number[];
  /** Issue 21's ratios to peers (bench/instant.ts). */
  instant: InstantStartup;
}

function runOrThrow(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/** Packs and installs the package into a temporary project; returns its folder. */
async function installPacked(work: string): Promise<string> {
  const [info] = JSON.parse(runOrThrow('npm', ['pack', '--json', '--pack-destination', work], ROOT)) as [
    { filename: string },
  ];
  const project = join(work, 'project');
  await mkdir(project);
  await writeFile(join(project, 'package.json'), '{ "name": "bench", "private": true, "type": "module" }\n');
  runOrThrow(
    'npm',
    ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', join(work, info.filename)],
    project,
  );
  await writeFile(join(project, 'start.mjs'), LIBRARY_START);
  return project;
}

async function timeToFirst200(
  name: string,
  args: string[],
  cwd: string,
): Promise<{ wallMs: number; cpuMs: number }> {
  const server = await spawnServer({
    name,
    args,
    cwd,
    url: { fromStdout: URL_LINE },
    probePath: PROBE,
    headers: AUTH,
    timeoutMs: 30_000,
  });
  const cpuMs = (await server.cpuSeconds()) * 1000;
  await server.stop();
  return { wallMs: server.startupMs, cpuMs };
}

export async function measurePackageStartup(
  runs: number,
  log: (line: string) => void,
): Promise<PackageStartup> {
  const work = await mkdtemp(join(tmpdir(), 'togai-bench-package-'));
  try {
    log('  packing and installing the package into an empty project…');
    const project = await installPacked(work);
    const bin = join(project, 'node_modules/togai-accounts-mock/dist/cli/main.js');
    const npxCli = process.env.npm_execpath ? join(dirname(process.env.npm_execpath), 'npx-cli.js') : '';
    const result: PackageStartup = {
      runs,
      binMs: [],
      npxMs: [],
      libraryMs: [],
      binCpuMs: [],
      libraryCpuMs: [],
      instant: await measureInstant(project, work, runs),
    };
    // Interleaved, so that a burst of load elsewhere on the machine hits all three alike.
    for (let i = 0; i < runs; i += 1) {
      const viaBin = await timeToFirst200('bin', [bin, 'serve', '--port', '0'], project);
      result.binMs.push(viaBin.wallMs);
      result.binCpuMs.push(viaBin.cpuMs);
      if (existsSync(npxCli)) {
        const viaNpx = await timeToFirst200('npx', [npxCli, 'togai-mock', 'serve', '--port', '0'], project);
        result.npxMs.push(viaNpx.wallMs);
      }
      const library = await timeToFirst200('library', ['start.mjs'], project);
      result.libraryMs.push(library.wallMs);
      result.libraryCpuMs.push(library.cpuMs);
    }
    for (const [label, values] of Object.entries({
      'togai-mock serve (bin)': result.binMs,
      'npx togai-mock serve': result.npxMs,
      'createMockServer() in a .mjs': result.libraryMs,
      'CPU to first 200, bin': result.binCpuMs,
      'CPU to first 200, library': result.libraryCpuMs,
      'msw/node import, CPU': result.instant.mswNodeCpuMs,
      'our MSW entry + createHandlers, CPU': result.instant.entryCpuMs,
      'first fetch, our handlers': result.instant.firstFetchMs,
      'first fetch, a trivial handler': result.instant.trivialFirstFetchMs,
      'node -e 0': result.instant.nodeBareMs,
      'togai-mock --version': result.instant.versionMs,
      'bare node:http first 200': result.instant.httpBareMs,
      'serve --spec published, 2nd start': result.instant.publishedSecondMs,
    })) {
      if (values.length === 0) continue;
      log(
        `  ${label.padEnd(30)} median ${Math.round(median(values))} ms  (${values.map(Math.round).join(', ')})`,
      );
    }
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export function checkPackageStartup(startup: PackageStartup): TargetCheck[] {
  const bin = median(startup.binMs);
  const library = median(startup.libraryMs);
  return [
    ...checkInstant(startup.instant, { wallMs: bin, cpuMs: median(startup.binCpuMs) }),
    {
      target: 'installed CLI: spawn → first 200 < 1 s (median)',
      measured: `${Math.round(bin)} ms, ${Math.round(median(startup.binCpuMs))} ms of CPU${startup.npxMs.length ? ` (through npx: ${Math.round(median(startup.npxMs))} ms)` : ''}`,
      met: bin < 1000,
    },
    {
      target: 'installed library: createMockServer() spawn → first 200 < 0.5 s (median)',
      measured: `${Math.round(library)} ms, ${Math.round(median(startup.libraryCpuMs))} ms of CPU`,
      met: library < 500,
    },
  ];
}
