import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ChunkedBody, type CoreAnswer, isChunkedBody, isFault } from '../../core/index.ts';

/** Writes the core's answer, or realizes its fault on the socket (`reset` now, `timeout` after holding). */
export function sendAnswer(req: IncomingMessage, res: ServerResponse, answer: CoreAnswer): void {
  if (isFault(answer)) {
    if (answer.fault === 'reset') {
      req.socket.destroy();
      return;
    }
    const timer = setTimeout(() => req.socket.destroy(), answer.holdMs);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  const { body } = answer;
  if (body === undefined) {
    res.writeHead(answer.status, answer.headers);
    res.end();
    return;
  }
  if (isChunkedBody(body)) {
    res.writeHead(answer.status, answer.headers);
    void pipeBody(req, res, body);
    return;
  }
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  // The headers object is the answer's own (built per request): adding to it costs no copy.
  answer.headers['content-length'] = String(length);
  res.writeHead(answer.status, answer.headers);
  res.end(body);
}

/**
 * Streams a chunked body with backpressure (the producer waits while the socket is full). HEAD
 * sends none, and stops the producer at once; a client that goes away stops it too (pipeline
 * destroys the source, which ends the generator). A producer that fails mid-way cannot change a
 * status already sent: the connection is dropped, so the client sees a truncated answer, not a
 * complete-looking one.
 */
async function pipeBody(req: IncomingMessage, res: ServerResponse, body: ChunkedBody): Promise<void> {
  if (req.method === 'HEAD') {
    await body[Symbol.asyncIterator]().return?.();
    res.end();
    return;
  }
  try {
    await pipeline(Readable.from(body, { objectMode: false }), res);
  } catch (error) {
    if (!res.destroyed) {
      console.error(error);
      res.destroy();
    }
  }
}
