import { describe, expect, it } from 'vitest';
import { diffSpecs, type Finding, formatDiff } from '../../src/spec/diff-spec.ts';

type Obj = Record<string, unknown>;

/** A one-operation document: `POST /things/{id}` with a body, a 200 answer and a query parameter. */
function doc(parts: {
  body?: Obj;
  answer?: Obj;
  params?: Obj[];
  schemas?: Obj;
  path?: string;
  id?: string;
}): Obj {
  const path = parts.path ?? '/things/{id}';
  return {
    openapi: '3.0.3',
    paths: {
      [path]: {
        post: {
          operationId: parts.id ?? 'makeThing',
          parameters: [
            {
              name: path.includes('{thingId}') ? 'thingId' : 'id',
              in: 'path',
              required: true,
              schema: { type: 'string' },
            },
            ...(parts.params ?? []),
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: parts.body ?? { type: 'object' } } },
          },
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: parts.answer ?? { type: 'object' } } },
            },
          },
        },
      },
    },
    components: { schemas: parts.schemas ?? {} },
  };
}

function findings(ours: Obj, theirs: Obj): Finding[] {
  const report = diffSpecs(ours, theirs);
  if (!report.ok) throw new Error(report.error);
  return report.value.findings;
}
const lines = (list: Finding[]) => list.map((f) => `${f.kind} ${f.where.trim()}: ${f.message}`);

const closed = (properties: Obj, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...(required.length ? { required } : {}),
});

describe('diffSpecs', () => {
  it('finds nothing between a description and itself, and matches paths whatever their parameter names', () => {
    const a = doc({ body: closed({ name: { type: 'string' } }) });
    const b = doc({ body: closed({ name: { type: 'string' } }), path: '/things/{thingId}' });
    expect(findings(a, b)).toEqual([]);
  });

  it('calls a narrower request breaking and a wider one looser', () => {
    const theirs = doc({
      body: closed({ name: { type: 'string', maxLength: 50 }, size: { type: 'number' } }),
    });
    const ours = doc({
      body: closed({ name: { type: 'string', maxLength: 20 }, size: { type: 'integer' } }, ['size']),
    });
    expect(lines(findings(ours, theirs))).toEqual([
      'breaking request body .name: maxLength 20 (theirs 50)',
      'breaking request body .size: type integer (theirs number)',
      'breaking request body .size: now required',
    ]);
    expect(lines(findings(theirs, ours))).toEqual([
      'looser request body .name: maxLength 50 (theirs 20)',
      'looser request body .size: type number (theirs integer)',
      'looser request body .size: no longer required',
    ]);
  });

  it('calls a property a closed published answer does not allow breaking, a missing optional one missing', () => {
    const theirs = doc({ answer: closed({ id: { type: 'string' }, note: { type: 'string' } }, ['id']) });
    const ours = doc({ answer: closed({ id: { type: 'string' }, context: { type: 'object' } }) });
    expect(lines(findings(ours, theirs))).toEqual([
      'missing response 200 .note: property never answered',
      'breaking response 200 .context: property their closed schema does not allow',
      'breaking response 200 .id: required by theirs, optional here',
    ]);
  });

  it('calls an enum value a published client cannot read breaking, and a smaller enum stricter', () => {
    const theirs = doc({ answer: closed({ status: { type: 'string', enum: ['A', 'B'] } }) });
    expect(
      lines(findings(doc({ answer: closed({ status: { type: 'string', enum: ['A', 'B', 'C'] } }) }), theirs)),
    ).toEqual(['breaking response 200 .status: enum adds C']);
    expect(
      lines(findings(doc({ answer: closed({ status: { type: 'string', enum: ['A'] } }) }), theirs)),
    ).toEqual(['stricter response 200 .status: enum lacks B']);
  });

  it('merges allOf first, as Prism does: a closed part plus {customerId} equals one flat closed schema', () => {
    const schemas = {
      Base: closed({ id: { type: 'string' } }, ['id']),
      Create: {
        allOf: [
          { $ref: '#/components/schemas/Base' },
          { type: 'object', properties: { customerId: { type: 'string' } }, required: ['customerId'] },
        ],
      },
    };
    const theirs = doc({ body: { $ref: '#/components/schemas/Create' }, schemas });
    const ours = doc({
      body: closed({ id: { type: 'string' }, customerId: { type: 'string' } }, ['id', 'customerId']),
    });
    expect(findings(ours, theirs)).toEqual([]);
  });

  it('compares recursive schemas without looping, and still finds a difference inside the recursion', () => {
    const item = (extra: Obj) => ({
      Item: closed({
        name: { type: 'string', ...extra },
        children: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
      }),
    });
    const theirs = doc({ answer: { $ref: '#/components/schemas/Item' }, schemas: item({}) });
    expect(findings(theirs, theirs)).toEqual([]);
    const ours = doc({ answer: { $ref: '#/components/schemas/Item' }, schemas: item({ maxLength: 5 }) });
    expect(lines(findings(ours, theirs))).toEqual(['stricter response 200 .name: maxLength 5 (theirs none)']);
  });

  it('treats an added optional parameter and an added status as additions, a new required parameter and a renamed id as breaking', () => {
    const theirs = doc({});
    const ours = doc({
      id: 'createThing',
      params: [
        { name: 'sortOrder', in: 'query', schema: { type: 'string' } },
        { name: 'mode', in: 'query', required: true, schema: { type: 'string' } },
      ],
    });
    (((ours.paths as Obj)['/things/{id}'] as Obj).post as { responses: Obj }).responses['409'] = {
      description: 'conflict',
    };
    expect(lines(findings(ours, theirs))).toEqual([
      'breaking operationId: createThing (theirs makeThing)',
      'added parameter query sortOrder: optional parameter added',
      'breaking parameter query mode: new required parameter',
      'added response 409: status declared',
    ]);
  });

  it('reports operations on one side only, and summarizes those only theirs has unless asked for all', () => {
    const theirs = doc({});
    (theirs.paths as Obj)['/other'] = { get: { operationId: 'getOther', responses: {} } };
    const report = diffSpecs(doc({}), theirs);
    if (!report.ok) throw new Error(report.error);
    expect(formatDiff(report.value)).toBe(
      'missing  1 operations of theirs are not in ours (--all lists them)\n1 operations compared: 0 breaking, 0 stricter, 0 looser, 1 missing, 0 added\n',
    );
    expect(formatDiff(report.value, true)).toContain(
      'missing  GET /other operation: getOther is not in ours',
    );
  });

  it('refuses a document that is not OpenAPI 3 with a message, not an exception', () => {
    expect(diffSpecs({ swagger: '2.0' }, doc({}))).toEqual({
      ok: false,
      error: 'spec: not an OpenAPI 3.x document (no "openapi: 3.x" field)',
    });
  });
});
