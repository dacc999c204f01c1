/**
 * `npm run bench`: ours vs Prism vs a bare-Express ceiling, scaling to 1M accounts, contract-runner
 * speed and a CPU profile. Exits non-zero only when something could not be measured, never on
 * slowness: the targets are reported, not enforced.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasRedisServer } from '../test/helpers/redis-server.ts';
import { readArgs } from './args.ts';
import { type ChildServer, killAllChildren } from './child-server.ts';
import { compareServers } from './compare.ts';
import { measureContractSpeed } from './contract-speed.ts';
import { profileServer } from './cpu-profile.ts';
import { readFixtures } from './fixtures.ts';
import { measureGeneric } from './generic-section.ts';
import { measureMswSpeed } from './msw-speed.ts';
import { checkPackageStartup, measurePackageStartup } from './package-startup.ts';
import { measureProxyLatency, proxySection } from './proxy-latency.ts';
import { measurePublishedServe } from './published-section.ts';
import { measureRedisMode, renderRedisBench } from './redis.ts';
import { extractReading, type Report, renderMswSection, renderReport } from './report.ts';
import { measureAccessLogCost, measureImportStall, renderSandbox } from './sandbox.ts';
import { measureScaling } from './scaling.ts';
import { buildScenarios } from './scenarios.ts';
import { type ServerName, startCeiling, startOurs, startPrism } from './servers.ts';
import { renderStartupSection } from './startup-report.ts';
import { checkTargets } from './targets.ts';
import { measureWorstMemory } from './worst-memory.ts';
import { checkWorstMemory, renderWorstMemory } from './worst-memory-report.ts';

const DEFAULT_ACCOUNTS = 300;
const args = readArgs(process.argv.slice(2));
const log = (line: string) => console.log(line);

process.on('exit', killAllChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`bench: ${signal}, stopping the servers`);
    killAllChildren();
    process.exit(130);
  });
}
setTimeout(() => {
  console.error(`bench: still running after ${args.deadlineMs / 60_000} min; giving up`);
  killAllChildren();
  process.exit(1);
}, args.deadlineMs).unref();

function cpuModel(): string {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  } catch {
    return cpus()[0]?.model ?? 'unknown';
  }
}

/** Every server must answer every scenario with 2xx once before load, or the numbers mean nothing. */
async function preflight(
  servers: Record<ServerName, ChildServer>,
  scenarios: ReturnType<typeof buildScenarios>,
) {
  for (const scenario of scenarios) {
    for (const name of scenario.servers) {
      const request = scenario.request();
      const res = await fetch(servers[name].url + request.path, {
        method: request.method,
        headers: request.headers,
        ...(request.makeBody ? { body: request.makeBody() } : {}),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      if (res.status < 200 || res.status > 299) {
        throw new Error(`${name} answered ${res.status} to ${scenario.id}: ${text.slice(0, 300)}`);
      }
    }
  }
}

/** `--only msw`: the MSW adapter's part alone, printed, no servers started. */
async function measureMswOnly(): Promise<number> {
  log('MSW adapter in process (20 requests in flight):');
  const speed = await measureMswSpeed(args.seconds, args.rounds, log);
  log(`\n${renderMswSection(speed)}`);
  return 0;
}

/** `--only startup`: the installed package's start-up alone, judged against its targets. */
async function measureStartupOnly(): Promise<number> {
  log(`bench: start-up of the installed package, ${args.startupRuns} runs each`);
  const startup = await measurePackageStartup(args.startupRuns, log);
  log(`\n${renderStartupSection(startup)}`);
  return 0;
}

/** `--only proxy`: the validating proxy's added latency in front of our mock, alone. */
async function measureProxyOnly(): Promise<number> {
  const ours = await startOurs();
  try {
    log(proxySection(await measureProxyLatency(ours.url, args.quick ? 1000 : 3000)));
  } finally {
    await ours.stop();
  }
  return 0;
}

/** `--only memory`: the worst client's memory alone, judged against the 1 GB of issue 13. */
async function measureMemoryOnly(): Promise<number> {
  log('bench: memory under the worst client, default limits');
  const memory = await measureWorstMemory(args.memorySeconds, log);
  const check = checkWorstMemory(memory);
  log(renderWorstMemory(memory));
  log(`  ${check.met ? 'met ' : 'MISS'}  ${check.target}: ${check.measured}`);
  return 0;
}

/** `--only sandbox`: a victim tenant during two 15 MB imports, and the access log's cost. */
async function measureSandbox(): Promise<string> {
  log('sandbox: a victim tenant during two 15 MB imports');
  const stall = await measureImportStall(log);
  log('sandbox: the access log, on vs off');
  const logCost = await measureAccessLogCost(args.seconds, Math.max(5, args.rounds), log);
  return renderSandbox(stall, logCost);
}

async function main(): Promise<number> {
  if (args.only === 'sandbox') {
    log(`\n${await measureSandbox()}`);
    return 0;
  }
  if (args.only === 'startup') return measureStartupOnly();
  if (args.only === 'memory') return measureMemoryOnly();
  if (args.only === 'proxy') return measureProxyOnly();
  if (args.only === 'msw') return measureMswOnly();
  if (args.only === 'generic') {
    log("bench: a description's collections against the accounts store");
    await measureGeneric(log, args.quick ? 4 : 8, args.quick ? 1 : 3);
    return 0;
  }
  if (args.only === 'published') {
    log("bench: serving Togai's published description");
    await measurePublishedServe(log);
    return 0;
  }
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const work = await mkdtemp(join(tmpdir(), 'togai-bench-'));
  const servers: Partial<Record<ServerName, ChildServer>> = {};
  try {
    log(
      `bench: ${args.quick ? 'quick' : 'full'} run, ${args.rounds} round(s) of ${args.seconds} s per scenario`,
    );
    // A fast machine creates well over 100,000 accounts in the POST rounds: more than the default limit.
    servers.ours = await startOurs({ maxAccounts: 5_000_000 });
    const fixtures = await readFixtures(servers.ours.url, DEFAULT_ACCOUNTS);
    const bodiesFile = join(work, 'ceiling-bodies.json');
    await writeFile(bodiesFile, JSON.stringify(fixtures.bodies));
    [servers.prism, servers.ceiling] = await Promise.all([startPrism(), startCeiling(bodiesFile)]);
    const all = servers as Record<ServerName, ChildServer>;
    for (const s of Object.values(all)) log(`  ${s.name} ready in ${Math.round(s.startupMs)} ms at ${s.url}`);
    const scenarios = buildScenarios(fixtures);
    await preflight(all, scenarios);

    log('comparison (20 connections each):');
    const measured = await compareServers(all, scenarios, args, log);
    const startups = await Promise.all(
      Object.values(all).map(async (s) => ({
        server: s.name,
        startupMs: s.startupMs,
        ...(s.reportedReadyMs !== undefined ? { reportedReadyMs: s.reportedReadyMs } : {}),
        rssMiB: await s.rssMiB(),
      })),
    );
    log('contract-runner speed:');
    const contract = await measureContractSpeed(fixtures, all.ours.url, args.contractSeconds);
    log(`  ${Math.round(contract.listValidationsPerSec)} list pages validated/s; ${contract.fullRunNote}`);
    log('proxy latency (judging on):');
    const proxy = await measureProxyLatency(all.ours.url, args.quick ? 1000 : 3000);
    log(`  added p50 ${proxy.added.p50.toFixed(3)} ms, p99 ${proxy.added.p99.toFixed(3)} ms`);
    await Promise.all(Object.values(all).map((s) => s.stop()));

    log('scaling:');
    const scaling = await measureScaling(args.scalingSeconds, args.scalingWarmupSeconds, log);
    // Redis mode needs Debian's redis-server (installed by .ci/run); without it the section says so.
    log('redis mode:');
    const redisSection = hasRedisServer()
      ? renderRedisBench(
          await measureRedisMode({ seconds: args.seconds, warmupSeconds: args.warmupSeconds }, log),
        )
      : '## Redis mode\n\nNot measured: no `redis-server` on this machine.';
    log("serving Togai's published description:");
    const publishedSection = await measurePublishedServe(log);
    const sandboxSection = await measureSandbox();
    log("a description's collections against the accounts store:");
    const genericSection = await measureGeneric(log, args.seconds, args.rounds);
    log('memory under the worst client (default limits):');
    const memory = await measureWorstMemory(args.memorySeconds, log);
    log(`  RSS peak ${Math.round(memory.rssPeakMiB)} MiB`);
    log(`start-up of the installed package (${args.startupRuns} runs each):`);
    const packageStartup = await measurePackageStartup(args.startupRuns, log);
    log('MSW adapter in process:');
    const msw = await measureMswSpeed(args.seconds, args.rounds, log);
    const listFirst = scenarios.find((s) => s.id === 'list-first');
    let profiles: Report['profiles'];
    if (args.profile && listFirst) {
      log('profiling ours and the ceiling under list-first with --cpu-prof:');
      // The ceiling's profile is the baseline: the difference per request is what our layers add.
      const ours = await profileServer(
        'ours',
        (nodeFlags) => startOurs({ nodeFlags }),
        listFirst,
        args.profileSeconds,
        args.warmupSeconds,
      );
      const ceiling = await profileServer(
        'ceiling',
        (nodeFlags) => startCeiling(bodiesFile, nodeFlags),
        listFirst,
        args.profileSeconds,
        args.warmupSeconds,
      );
      profiles = { ours, ceiling };
      for (const c of ours.categories) log(`  ${c.category.padEnd(22)} ${(100 * c.share).toFixed(1)}%`);
    }

    const previous = args.write ? safeRead(args.write) : undefined;
    const reading = previous === undefined ? undefined : extractReading(previous);
    const report: Report = {
      machine: {
        cpus: cpus().length,
        model: cpuModel(),
        node: process.version,
        os: `Linux ${release()}`,
        load: `${loadBefore.toFixed(2)} at start, ${(loadavg()[0] ?? 0).toFixed(2)} at end`,
      },
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      date: new Date(started).toISOString().replace(/\.\d+Z$/, 'Z'),
      settings: `${args.rounds} round(s) × ${args.seconds} s per scenario and server (after a ${args.warmupSeconds} s warm-up), 20 connections, server order reversed every other round; total ${Math.round((Date.now() - started) / 1000)} s`,
      startups,
      measured,
      targets: [
        ...checkTargets(measured, scaling, all.ours.startupMs),
        ...checkPackageStartup(packageStartup),
        checkWorstMemory(memory),
      ],
      scaling,
      contract,
      proxy,
      ...(profiles ? { profiles } : {}),
      memory,
      msw,
      ...(reading !== undefined ? { reading } : {}),
    };
    const markdown = `${renderReport(report)}

${renderStartupSection(packageStartup)}

${redisSection}

${publishedSection}

${sandboxSection}

${genericSection}
`;
    log(`\n${markdown}`);
    if (args.write) {
      writeFileSync(args.write, markdown);
      log(`bench: wrote ${args.write}`);
    }
    const unmeasured = [...measured, ...scaling].filter((m) => m.problem !== undefined);
    if (unmeasured.length > 0) {
      console.error(`bench: ${unmeasured.length} measurement(s) saw failed requests; see the problem column`);
      return 1;
    }
    return 0;
  } finally {
    killAllChildren();
    await rm(work, { recursive: true, force: true });
  }
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: could not measure: ${error instanceof Error ? error.message : String(error)}`);
    killAllChildren();
    process.exit(1);
  },
);
