import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (bounded: killed after `timeoutMs`), collecting its output. */
export async function run(command: string, args: string[], cwd: string, timeoutMs = 60_000): Promise<Run> {
  const child = spawn(command, args, { cwd, env: cleanEnv() });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** Spawns a long-running command and resolves once its output matches `ready` (rejects on exit or after 20 s). */
export function startUntil(
  command: string,
  args: string[],
  cwd: string,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpExecArray; output: () => string }> {
  const child = spawn(command, args, { cwd, env: cleanEnv() });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}

/**
 * The environment minus what `npm test` exported about this repository (`npm_package_*`, the lifecycle,
 * `npm_config_local_prefix`, which would make npm install into our checkout instead of the temporary
 * project): it must install and run as a stranger's would. The rest (cache, registry, CA) stays.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const ours = /^npm_(package_|lifecycle_|command$|config_(local_prefix|call)$)/i;
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !ours.test(name)));
}

/**
 * The bytes of every file under an installed `node_modules` (symlinks not followed), and the
 * packages in it that declare an install-time script (`preinstall`, `install`, `postinstall`).
 */
export async function measureInstall(modules: string): Promise<{ bytes: number; withScripts: string[] }> {
  let bytes = 0;
  const withScripts: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        bytes += (await lstat(path)).size;
        if (entry.name === 'package.json' && /node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(path)) {
          const { name, scripts = {} } = JSON.parse(await readFile(path, 'utf8')) as {
            name?: string;
            scripts?: Record<string, string>;
          };
          if (['preinstall', 'install', 'postinstall'].some((hook) => hook in scripts))
            withScripts.push(name ?? path);
        }
      }
    }
  };
  await walk(modules);
  return { bytes, withScripts };
}
