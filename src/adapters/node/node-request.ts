import type { IncomingMessage } from 'node:http';
import type { BodyRead, CoreRequest } from '../../core/index.ts';

/** Whether a body follows the headers (what body-parser itself asked before reading one). */
const hasBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/** The core's view of a Node request: no copying of headers, the body read only when asked. */
export function toCoreRequest(req: IncomingMessage): CoreRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    method: req.method ?? 'GET',
    path: q < 0 ? url : url.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
    headers: req.headers as Record<string, string | undefined>,
    ...(hasBody(req) ? { body: (limit: number) => readBody(req, limit) } : {}),
  };
}

/**
 * Reads the raw body, and stops keeping it past `limit` bytes: a huge body is refused without
 * being held in memory. A body in another encoding than
 * identity (gzip…) is refused rather than inflated: a mock needs no compressed uploads.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    return Promise.resolve({ ok: false, reason: 'unsupported-encoding' });
  }
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit)
    return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (read: BodyRead) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
      resolve(read);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish({ ok: false, reason: 'too-large' });
        // Discard the rest as it comes (never held): the connection stays usable for the client's
        // next request. Node does this itself only for a body nobody started reading.
        req.resume();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      if (declared !== undefined && Number(declared) !== size)
        finish({ ok: false, reason: 'length-mismatch' });
      else
        finish({
          ok: true,
          bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size),
        });
    };
    const onAbort = () => finish({ ok: false, reason: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onAbort);
  });
}
