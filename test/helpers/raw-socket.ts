import { connect } from 'node:net';
import { REQUEST_TIMEOUT_MS } from '../hostile/hostile-helpers.ts';

/** Writes raw bytes on a fresh connection to `url` and reads everything until the server closes it. */
export function exchangeRaw(url: string, raw: string): Promise<string> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.setTimeout(REQUEST_TIMEOUT_MS, () => {
      socket.destroy();
      reject(new Error(`no close within ${REQUEST_TIMEOUT_MS} ms; got ${JSON.stringify(received)}`));
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.write(raw);
  });
}
