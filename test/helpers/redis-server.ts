import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectRedis, type RedisConnection } from '../../src/store/redis/connect-redis.ts';

/** A real `redis-server` started for a test: loopback only, in its own temporary directory. */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** The running process's id (undefined while stopped): for measuring its CPU. */
  readonly pid: number | undefined;
  /** Stops it (SIGTERM: an append-only file is flushed) and waits for the process to exit. */
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL): nothing is flushed that was not already on disk. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory (so an append-only file is read back). */
  restart(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open but nothing is answered, like a hung server. */
  pause(): void;
  resume(): void;
  /** Removes the directory; call once, last. */
  dispose(): Promise<void>;
}

/**
 * Whether Debian's `redis-server` is installed (`.ci/run` installs it). Without it the Redis tests
 * say so and skip, except in CI (`CI=true`), where a missing server must fail the run.
 */
export const hasRedisServer = (): boolean =>
  process.env.CI === 'true' ||
  (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, 'redis-server')));

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `redis-server` on a free loopback port; `appendonly` makes it durable (fsync always). */
export async function startRedisServer(options: { appendonly?: boolean } = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'togai-redis-'));
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--protected-mode',
    'yes',
    ...(options.appendonly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
  ];
  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const started = spawn('redis-server', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    // A test run that dies (a timeout, ^C) must not leave a server behind.
    const orphan = () => started.kill('SIGKILL');
    process.once('exit', orphan);
    started.once('exit', () => process.removeListener('exit', orphan));
    await new Promise<void>((resolve, reject) => {
      let output = '';
      let ready = false;
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
      started.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      started.once('exit', (code) => {
        clearTimeout(timer);
        if (!ready) reject(new Error(`redis-server exited with ${code}: ${output}`));
      });
      started.stderr?.resume();
      started.stdout?.on('data', (chunk: Buffer) => {
        if (ready) return;
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          ready = true;
          clearTimeout(timer);
          resolve();
        }
      });
    });
  };
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    // A paused server cannot act on SIGTERM until it runs again.
    running.kill('SIGCONT');
    running.kill(signal);
    await exited;
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    get pid() {
      return child?.pid;
    },
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    restart: async () => {
      await end('SIGTERM');
      await launch();
    },
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    dispose: async () => {
      await end('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A started server and one connection to it; `close()` ends both. */
export async function startRedisConnection(): Promise<{
  connection: RedisConnection;
  close(): Promise<void>;
}> {
  const server = await startRedisServer();
  const connected = await connectRedis(server.url);
  if (!connected.ok) {
    await server.dispose();
    throw new Error(connected.error);
  }
  return {
    connection: connected.value,
    async close() {
      await connected.value.close();
      await server.dispose();
    },
  };
}
