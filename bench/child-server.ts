import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

/** A server under test, running in its own process so it never shares the load generator's CPU. */
export interface ChildServer {
  name: string;
  pid: number;
  url: string;
  /** Spawn to the first 200 answered on the probe path, in ms: what a user waits for. */
  startupMs: number;
  /** The server's own "ready in N ms", when it prints one. */
  reportedReadyMs?: number;
  /** Resident memory of the process in MiB, from /proc/<pid>/status. */
  rssMiB(): Promise<number>;
  /** CPU time (user + system) the process has used so far, in seconds. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  args: readonly string[];
  cwd: string;
  /** Where the URL comes from: a line the server prints, or a port chosen beforehand. */
  url: { fromStdout: RegExp } | { port: number };
  probePath: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Added to this process's environment. */
  env?: Record<string, string>;
}

const running = new Set<ChildProcess>();

/** Kills every child still running: called on exit, SIGINT and errors so no server outlives the bench. */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Asks the OS for a free port; used for servers (Prism) that cannot report the port they bound. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function readRssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kib) / 1024;
}

// Kernel clock ticks per second for /proc/<pid>/stat times; 100 on every Linux this runs on.
const CLOCK_TICKS = 100;

/**
 * CPU seconds a process has used. Unlike req/s this barely moves when other processes compete for
 * the cores, so CPU per request is the steadier number on a shared machine.
 */
export async function readCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesized command name, which may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Spawns `node <args>` and resolves once the probe path answers 200; rejects (and kills) on timeout. */
export async function spawnServer(options: SpawnOptions): Promise<ChildServer> {
  const started = performance.now();
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
  });
  running.add(child);
  let output = '';
  let exited: string | undefined;
  // Read all along (a pipe nobody reads holds the server's writes), kept only at the start: the
  // URL and "ready in" lines; a server with its access log on prints a line per request.
  const keep = (chunk: string) => {
    if (output.length < 64 * 1024) output += chunk;
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
    running.delete(child);
  });
  const fail = (why: string): never => {
    child.kill('SIGKILL');
    throw new Error(`${options.name}: ${why}\n--- its output ---\n${output.slice(-2000)}`);
  };

  let url = 'port' in options.url ? `http://127.0.0.1:${options.url.port}` : undefined;
  while (true) {
    if (exited) fail(exited);
    if (performance.now() - started > options.timeoutMs) fail(`not ready after ${options.timeoutMs} ms`);
    if (url === undefined && 'fromStdout' in options.url) url = options.url.fromStdout.exec(output)?.[1];
    if (url !== undefined && (await answers200(url + options.probePath, options.headers))) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const startupMs = performance.now() - started;
  const reported = /ready in (\d+) ms/.exec(output)?.[1];
  const pid = child.pid ?? fail('no pid');
  return {
    name: options.name,
    pid,
    url,
    startupMs,
    ...(reported !== undefined ? { reportedReadyMs: Number(reported) } : {}),
    rssMiB: () => readRssMiB(pid),
    cpuSeconds: () => readCpuSeconds(pid),
    stop: () => stopChild(child),
  };
}

async function answers200(url: string, headers: Record<string, string>): Promise<boolean> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // SIGTERM first so --cpu-prof can write its profile; SIGKILL if it does not go in time.
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
