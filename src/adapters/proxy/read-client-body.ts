import type { IncomingMessage } from 'node:http';
import { fail, ok, type Result } from '../../shared/result.ts';

/** The request body, undefined when there is none; refused past `limit` bytes (the rest is not read). */
export function readClientBody(
  req: IncomingMessage,
  limit: number,
): Promise<Result<Buffer | undefined, 'too-large'>> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve(fail('too-large'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        resolve(fail('too-large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(ok(size === 0 ? undefined : Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
