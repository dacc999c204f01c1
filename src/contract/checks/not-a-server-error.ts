import { describeFailure } from '../describe-failure.ts';
import type { ResponseCheck } from './check.ts';

export const notAServerError: ResponseCheck<'not-a-server-error'> = {
  kind: 'response',
  id: 'not-a-server-error',
  description: 'No response is a 5xx, documented or not.',
  judge({ exchange }) {
    const { status } = exchange.response;
    return status >= 500 ? [describeFailure(exchange, `server error: status ${status}`)] : [];
  },
};
