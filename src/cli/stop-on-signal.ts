import { EXIT } from './exit-codes.ts';

export interface Stoppable {
  close(options: { graceMs: number }): Promise<void>;
}

/** Past the grace period, closing the sockets left takes a moment: exit anyway only after this. */
const EXIT_MARGIN_MS = 1_000;

/** How often a server started through npm checks that npm is still there. */
const ORPHAN_CHECK_MS = 250;

/**
 * SIGINT (Ctrl-C) and SIGTERM (`kill`, a test runner's teardown, a container stop) close the server and
 * exit 0: it stops accepting connections and lets requests in flight finish, but for at most `graceMs`,
 * after which the process exits anyway, so a stuck client can never keep it alive. A second signal
 * exits at once.
 *
 * Started through npm (`npx togai-mock`, an npm script), the server runs under `sh -c`, which dies on
 * the SIGTERM npm forwards to it without passing it on: the server would be left running, re-parented,
 * and a test set-up that kills what it spawned would hang. So under npm, losing the parent process
 * counts as a stop signal too. Started directly (`node`, `nohup`, a service manager) it does not, so a
 * server meant to outlive its shell still can.
 */
export function stopOnSignal(server: Stoppable, graceMs: number): void {
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) process.exit(EXIT.interrupted);
    stopping = true;
    console.log(`togai-mock: ${reason}, stopping (requests in flight get up to ${graceMs} ms)`);
    setTimeout(() => {
      console.error(`togai-mock: still busy after ${graceMs} ms, exiting anyway`);
      process.exit(EXIT.ok);
    }, graceMs + EXIT_MARGIN_MS).unref();
    server.close({ graceMs }).then(
      () => process.exit(EXIT.ok),
      (error: unknown) => {
        console.error(`togai-mock: error while stopping: ${(error as Error).message}`);
        process.exit(EXIT.setup);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (process.env.npm_command !== undefined) {
    const parent = process.ppid;
    const watch = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(watch);
      stop('the npm process that started it is gone');
    }, ORPHAN_CHECK_MS);
    watch.unref();
  }
}
