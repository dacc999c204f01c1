import { jsonEntryOf } from '../../spec/json-media.ts';
import { createValueJudge } from '../../spec/judge-value.ts';
import type { SpecOperation } from '../../spec/types.ts';
import type { CoreResponse } from '../types.ts';
import { fillFrom } from './item-answers.ts';

const judge = createValueJudge();

/**
 * An example answer made about one item: the fields it shares with the item (its id, its name…)
 * are the item's, each kept only where the answer stays valid against its schema.
 */
export function fillAnswer(operation: SpecOperation, answer: CoreResponse, item: unknown): CoreResponse {
  if (answer.status >= 300 || typeof answer.body !== 'string') return answer;
  const schema = jsonEntryOf(operation.responses[String(answer.status)]?.content)?.[1]?.schema;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return answer;
  }
  return { ...answer, body: JSON.stringify(fillFrom(schema, parsed, item, judge)) };
}
