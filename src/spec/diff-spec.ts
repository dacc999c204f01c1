import { fail, ok, type Result } from '../shared/result.ts';
import { compareSchemas, type DiffContext, type Finding, type FindingKind } from './diff-schemas.ts';
import { type Doc, follow } from './schema-view.ts';

export type { Finding, FindingKind } from './diff-schemas.ts';

/**
 * The drift report: our description against another (Togai's newly published one, say), operation
 * by operation. Operations are matched by method and path template with parameter names dropped
 * (`/accounts/{account_id}` is `/accounts/{accountId}`); path parameters by position.
 */
export interface DiffReport {
  findings: Finding[];
  /** Operations in both descriptions. */
  compared: string[];
  breaking: number;
}

interface Param {
  label: string;
  required: boolean;
  schema: unknown;
}

interface Operation {
  key: string;
  operationId?: string;
  params: Map<string, Param>;
  body?: { required: boolean; schema: unknown };
  responses: Map<string, unknown>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const isObj = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const jsonSchemaOf = (doc: Doc, content: unknown): unknown => {
  const media = follow(
    doc,
    isObj(content) ? (content['application/json'] ?? Object.values(content)[0]) : undefined,
  );
  return isObj(media) ? media.schema : undefined;
};

/** The operations of a raw document, keyed `METHOD /path/{}`. */
function collectOperations(doc: Doc): Map<string, Operation> {
  const out = new Map<string, Operation>();
  for (const [path, rawItem] of Object.entries(isObj(doc.paths) ? doc.paths : {})) {
    const item = follow(doc, rawItem);
    if (!isObj(item)) continue;
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const template = path.replace(/\{[^}]+\}/g, '{}');
    for (const method of METHODS) {
      const op = follow(doc, item[method]);
      if (!isObj(op)) continue;
      const params = new Map<string, Param>();
      for (const raw of [...asArray(item.parameters), ...asArray(op.parameters)]) {
        const param = follow(doc, raw);
        if (!isObj(param) || typeof param.name !== 'string') continue;
        const place = String(param.in);
        const position = place === 'path' ? names.indexOf(param.name) : -1;
        const name = place === 'header' ? param.name.toLowerCase() : param.name;
        const key = position >= 0 ? `path:#${position}` : `${place}:${name}`;
        params.set(key, {
          label: `${place} ${param.name}`,
          required: param.required === true,
          schema: param.schema,
        });
      }
      const body = follow(doc, op.requestBody);
      const responses = new Map<string, unknown>();
      for (const [status, raw] of Object.entries(isObj(op.responses) ? op.responses : {})) {
        const response = follow(doc, raw);
        responses.set(status, isObj(response) ? jsonSchemaOf(doc, response.content) : undefined);
      }
      const key = `${method.toUpperCase()} ${template}`;
      out.set(key, {
        key,
        ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
        params,
        ...(isObj(body)
          ? { body: { required: body.required === true, schema: jsonSchemaOf(doc, body.content) } }
          : {}),
        responses,
      });
    }
  }
  return out;
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function compareOperation(ctx: DiffContext, ours: Operation, theirs: Operation): void {
  const add = (kind: FindingKind, where: string, message: string) =>
    ctx.findings.push({ kind, operation: ctx.operation, where, message });
  if (ours.operationId !== theirs.operationId)
    add('breaking', 'operationId', `${ours.operationId ?? 'none'} (theirs ${theirs.operationId ?? 'none'})`);
  for (const [key, param] of theirs.params) {
    const mine = ours.params.get(key);
    if (!mine)
      add(
        'missing',
        `parameter ${param.label}`,
        param.required ? 'required parameter not declared' : 'parameter not declared',
      );
    else if (mine.required && !param.required) add('breaking', `parameter ${mine.label}`, 'now required');
    else if (!mine.required && param.required) add('looser', `parameter ${mine.label}`, 'no longer required');
    if (mine) compareSchemas(ctx, mine.schema, param.schema, `parameter ${mine.label}`, 'request');
  }
  for (const [key, param] of ours.params) {
    if (theirs.params.has(key)) continue;
    add(
      param.required ? 'breaking' : 'added',
      `parameter ${param.label}`,
      param.required ? 'new required parameter' : 'optional parameter added',
    );
  }
  if (ours.body && theirs.body) {
    if (ours.body.required && !theirs.body.required) add('breaking', 'request body', 'now required');
    compareSchemas(ctx, ours.body.schema, theirs.body.schema, 'request body ', 'request');
  } else if (ours.body)
    add(
      ours.body.required ? 'breaking' : 'added',
      'request body',
      ours.body.required ? 'new required body' : 'optional body added',
    );
  else if (theirs.body) add('missing', 'request body', 'body not declared');
  for (const [status, schema] of theirs.responses) {
    if (!ours.responses.has(status)) add('missing', `response ${status}`, 'status not declared');
    else if (schema !== undefined && ours.responses.get(status) === undefined)
      add('missing', `response ${status}`, 'no body declared');
    else if (schema !== undefined)
      compareSchemas(ctx, ours.responses.get(status), schema, `response ${status} `, 'response');
  }
  for (const status of ours.responses.keys())
    if (!theirs.responses.has(status)) add('added', `response ${status}`, 'status declared');
}

/** Compares two parsed OpenAPI 3 documents. Pure: `ours` and `theirs` are plain parsed objects. */
export function diffSpecs(ours: unknown, theirs: unknown): Result<DiffReport, string> {
  for (const [name, doc] of [
    ['spec', ours],
    ['against', theirs],
  ] as const) {
    if (!isObj(doc) || typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.'))
      return fail(`${name}: not an OpenAPI 3.x document (no "openapi: 3.x" field)`);
    if (!isObj(doc.paths)) return fail(`${name}: has no paths`);
  }
  const mine = collectOperations(ours as Doc);
  const reference = collectOperations(theirs as Doc);
  const findings: Finding[] = [];
  const compared: string[] = [];
  for (const [key, op] of mine) {
    const other = reference.get(key);
    if (!other) {
      findings.push({
        kind: 'added',
        operation: key,
        where: 'operation',
        message: `${op.operationId ?? key} is not in theirs`,
      });
      continue;
    }
    compared.push(key);
    compareOperation(
      { ours: ours as Doc, theirs: theirs as Doc, operation: key, findings, seen: new Set() },
      op,
      other,
    );
  }
  for (const [key, op] of reference)
    if (!mine.has(key))
      findings.push({
        kind: 'missing',
        operation: key,
        where: 'operation',
        message: `${op.operationId ?? key} is not in ours`,
      });
  return ok({ findings, compared, breaking: findings.filter((f) => f.kind === 'breaking').length });
}

/** One line per finding (breaking first); operations only theirs has collapse into one line unless `all`. */
export function formatDiff(report: DiffReport, all = false): string {
  const order: FindingKind[] = ['breaking', 'stricter', 'looser', 'missing', 'added'];
  const lines: string[] = [];
  const absent = report.findings.filter((f) => f.kind === 'missing' && f.where === 'operation');
  for (const kind of order)
    for (const f of report.findings)
      if (f.kind === kind && (all || f.where !== 'operation' || f.kind !== 'missing'))
        lines.push(`${kind.padEnd(8)} ${f.operation} ${f.where.trim()}: ${f.message}`);
  if (!all && absent.length > 0)
    lines.push(`missing  ${absent.length} operations of theirs are not in ours (--all lists them)`);
  const counts = order
    .map((kind) => `${report.findings.filter((f) => f.kind === kind).length} ${kind}`)
    .join(', ');
  lines.push(`${report.compared.length} operations compared: ${counts}`);
  return `${lines.join('\n')}\n`;
}
