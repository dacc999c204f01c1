import type { Response } from 'express';
import { type ApiError, ERROR_STATUS } from '../errors.ts';

/** The one place an error becomes HTTP: status from the code table, body `{"message"}`, code in a header. */
export function sendError(res: Response, error: ApiError, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.locals.problem = error.message;
  res.status(ERROR_STATUS[error.code]);
  res.set({ 'X-Error-Code': error.code, ...extraHeaders });
  res.json({ message: error.message });
}
