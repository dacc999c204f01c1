import type { ChunkedBody, CoreResponse } from './types.ts';

/** True when an answer's body is streamed in chunks rather than held whole. */
export const isChunkedBody = (body: CoreResponse['body']): body is ChunkedBody =>
  typeof body === 'object' && body !== null && Symbol.asyncIterator in body;

/**
 * A chunked body as a web `ReadableStream` (MSW, fetch handlers, browsers): pulled on demand, and
 * cancelling the stream stops the producer.
 */
export function toReadableStream(body: ChunkedBody): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}

/** The whole of a chunked body (for programs and tests; an adapter should stream it instead). */
export async function collectChunks(body: ChunkedBody): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    parts.push(chunk);
    size += chunk.byteLength;
  }
  const whole = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.byteLength;
  }
  return whole;
}
