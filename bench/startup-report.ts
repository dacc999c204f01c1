import { median } from './instant.ts';
import { checkPackageStartup, type PackageStartup } from './package-startup.ts';

const ms = (values: readonly number[]) => (values.length ? `${Math.round(median(values))}` : '');

/** The installed package's start-up (bench/package-startup.ts, bench/instant.ts) as a section of the report. */
export function renderStartupSection(startup: PackageStartup): string {
  const { instant } = startup;
  const rows: [string, readonly number[], string][] = [
    ['`togai-mock serve` (the bin), spawn → first 200', startup.binMs, 'wall'],
    ['… its CPU to the first 200', startup.binCpuMs, 'CPU'],
    ['`npx togai-mock serve`, spawn → first 200', startup.npxMs, 'wall'],
    ['`createMockServer()` in a `.mjs`, spawn → first 200', startup.libraryMs, 'wall'],
    ['… its CPU to the first 200', startup.libraryCpuMs, 'CPU'],
    ['a bare `node:http` server, spawn → first 200 (peer)', instant.httpBareMs, 'wall'],
    ['… its CPU to the first 200', instant.httpBareCpuMs, 'CPU'],
    ["`serve --spec` Togai's published description, second start", instant.publishedSecondMs, 'wall'],
    ['… its CPU to the first 200', instant.publishedSecondCpuMs, 'CPU'],
    ['`togai-mock --version`', instant.versionMs, 'wall'],
    ['`node -e 0` (peer)', instant.nodeBareMs, 'wall'],
    ['`import("msw/node")` in a fresh process (peer)', instant.mswNodeCpuMs, 'CPU'],
    ['then `togai-accounts-mock/msw` + `createHandlers()`', instant.entryCpuMs, 'CPU'],
    ['first `fetch` through our handlers (msw/node)', instant.firstFetchMs, 'wall'],
    ['first `fetch` through one trivial MSW handler (peer)', instant.trivialFirstFetchMs, 'wall'],
  ];
  const table = (head: string[], body: string[][]) =>
    [head, head.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  return [
    '## Start-up of the installed package',
    '',
    `\`npm pack\`, installed into an empty project (install scripts off), ${startup.runs} runs of each,`,
    'interleaved; medians. CPU is the steadier figure on a shared machine: wall times carry its load.',
    '',
    table(
      ['what', 'median ms', 'measured'],
      rows.filter(([, values]) => values.length > 0).map(([what, values, kind]) => [what, ms(values), kind]),
    ),
    '',
    table(
      ['target', 'measured', 'met'],
      checkPackageStartup(startup).map((c) => [c.target, c.measured, c.met ? 'met' : '**missed**']),
    ),
  ].join('\n');
}
