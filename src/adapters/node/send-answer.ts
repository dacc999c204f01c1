import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CoreAnswer, isFault } from '../../core/index.ts';

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
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  // The headers object is the answer's own (built per request): adding to it costs no copy.
  answer.headers['content-length'] = String(length);
  res.writeHead(answer.status, answer.headers);
  res.end(body);
}
