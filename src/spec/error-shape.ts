import { sampleSchema } from './sample-schema.ts';
import type { JsonSchema, SpecOperation } from './types.ts';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

// Where error bodies keep their human message, best first (`{message}`, `{error: {message}}`, RFC 7807's `detail`).
const MESSAGE_NAMES = [
  'message',
  'detail',
  'error_description',
  'errorMessage',
  'error',
  'title',
  'description',
  'msg',
  'reason',
];
const STATUS_NAMES = ['status', 'code', 'status_code', 'statusCode', 'http_status', 'httpStatus'];

/** The schema an operation documents for a status: exact, then `4XX`, then `default`. */
export function errorSchemaOf(op: SpecOperation, status: number): JsonSchema | undefined {
  const response =
    op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
  const content = response?.content ?? {};
  const type = Object.keys(content).find((t) => /json/i.test(t));
  return type ? content[type]?.schema : undefined;
}

/** A free-text string property: one the message can go in without breaking its schema. */
const isFreeText = (schema: unknown): boolean =>
  isObj(schema) &&
  (schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'))) &&
  schema.enum === undefined &&
  schema.const === undefined &&
  schema.pattern === undefined &&
  schema.format === undefined &&
  (typeof schema.maxLength !== 'number' || schema.maxLength >= 200);

/** Fills the message (and an integer status) into a sample of the schema, one object level at a time. */
function fill(value: unknown, schema: unknown, status: number, message: string, depth: number): boolean {
  if (!isObj(value) || !isObj(schema) || depth > 3) return false;
  const properties = isObj(schema.properties) ? schema.properties : {};
  for (const name of STATUS_NAMES) {
    const sub = properties[name];
    if (isObj(sub) && (sub.type === 'integer' || sub.type === 'number') && sub.enum === undefined)
      value[name] = status;
  }
  const direct = MESSAGE_NAMES.find((name) => isFreeText(properties[name]));
  if (direct) {
    value[direct] = message;
    return true;
  }
  for (const [name, sub] of Object.entries(properties)) {
    if (isObj(sub) && isObj(sub.properties)) {
      value[name] ??= sampleSchema(sub);
      if (fill(value[name], sub, status, message, depth + 1)) return true;
    }
  }
  return false;
}

/**
 * The body of an error the mock answers, in the shape the operation documents for that status:
 * a sample of its schema with the message in its message property (`message`, `detail`,
 * `error.message`…) and the status in an integer `status`/`code`. Undefined when the operation
 * documents no JSON schema for it (the mock's own `{"message"}` then).
 */
export function shapeErrorBody(op: SpecOperation, status: number, message: string): unknown {
  const schema = errorSchemaOf(op, status);
  if (!schema) return undefined;
  const body = sampleSchema(schema);
  if (isObj(body)) fill(body, schema, status, message, 0);
  return body;
}
