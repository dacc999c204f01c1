import { jsonEntryOf } from '../../spec/json-media.ts';
import { createValueJudge } from '../../spec/judge-value.ts';
import type { SpecOperation } from '../../spec/types.ts';
import type { CoreResponse } from '../types.ts';
import { fillFrom } from './item-answers.ts';

const judge = createValueJudge();

const camel = (name: string): string => name.replace(/[_-]([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * An example answer made about one item: the fields it shares with the item (its id, its name…)
 * and the path's ids (`account_id` fills `accountId`) are theirs, each kept only where the answer
 * stays valid against its schema.
 */
export function fillAnswer(
  operation: SpecOperation,
  answer: CoreResponse,
  item: unknown,
  path: Readonly<Record<string, string>> = {},
): CoreResponse {
  if (answer.status >= 300 || typeof answer.body !== 'string') return answer;
  const schema = jsonEntryOf(operation.responses[String(answer.status)]?.content)?.[1]?.schema;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return answer;
  }
  const ids = Object.fromEntries(
    Object.entries(path).flatMap(([name, value]) => [
      [name, value],
      [camel(name), value],
    ]),
  );
  const source = item !== null && typeof item === 'object' ? { ...ids, ...item } : ids;
  return { ...answer, body: JSON.stringify(fillFrom(schema, parsed, source, judge)) };
}
