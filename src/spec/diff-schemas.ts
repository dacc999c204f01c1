import { type DiffContext, type Direction, narrowing } from './diff-findings.ts';
import { compareObjects } from './diff-objects.ts';
import { type Doc, follow, mergeAllOf, typeCovered, typesOf } from './schema-view.ts';
import type { JsonSchema } from './types.ts';

export type { DiffContext, Direction, Finding, FindingKind } from './diff-findings.ts';

const BOUNDS: [keyword: string, lower: boolean][] = [
  ['minLength', true],
  ['minItems', true],
  ['minProperties', true],
  ['minimum', true],
  ['maxLength', false],
  ['maxItems', false],
  ['maxProperties', false],
  ['maximum', false],
];

/** Compares two schemas (either may hold `$ref`s and `allOf`), pushing findings into `ctx`. */
export function compareSchemas(
  ctx: DiffContext,
  oursRaw: unknown,
  theirsRaw: unknown,
  where: string,
  direction: Direction,
  depth = 0,
): void {
  const oursRefs: string[] = [];
  const theirsRefs: string[] = [];
  const ours = mergeAllOf(ctx.ours, oursRaw, oursRefs);
  const theirs = mergeAllOf(ctx.theirs, theirsRaw, theirsRefs);
  if (oursRefs.length > 0 || theirsRefs.length > 0) {
    const key = `${direction}|${oursRefs.at(-1) ?? where}|${theirsRefs.at(-1) ?? where}`;
    if (ctx.seen.has(key)) return;
    ctx.seen.add(key);
  }
  if (depth > 64) return;
  compareTypes(ctx, ours, theirs, where, direction);
  compareEnums(ctx, ours, theirs, where, direction);
  for (const [keyword, lower] of BOUNDS) {
    const o = typeof ours[keyword] === 'number' ? (ours[keyword] as number) : undefined;
    const t = typeof theirs[keyword] === 'number' ? (theirs[keyword] as number) : undefined;
    if (o === t) continue;
    const oursNarrower = o !== undefined && (t === undefined || (lower ? o > t : o < t));
    narrowing(
      ctx,
      direction,
      where,
      oursNarrower,
      `${keyword} ${o ?? 'none'} (theirs ${t ?? 'none'})`,
      false,
    );
  }
  for (const keyword of ['pattern', 'format', 'multipleOf', 'uniqueItems'] as const) {
    const o = ours[keyword];
    const t = theirs[keyword];
    if (o === t || (keyword === 'uniqueItems' && !o && !t)) continue;
    // A constraint only one side has narrows that side; two different ones are treated as narrowing ours.
    const oursNarrower = o !== undefined && o !== false;
    narrowing(
      ctx,
      direction,
      where,
      oursNarrower,
      `${keyword} ${String(o ?? 'none')} (theirs ${String(t ?? 'none')})`,
      false,
    );
  }
  compareObjects(ctx, ours, theirs, where, direction, (o, t, at) =>
    compareSchemas(ctx, o, t, at, direction, depth + 1),
  );
  if (ours.items !== undefined && theirs.items !== undefined)
    compareSchemas(ctx, ours.items, theirs.items, `${where}[]`, direction, depth + 1);
}

function compareTypes(
  ctx: DiffContext,
  ours: JsonSchema,
  theirs: JsonSchema,
  where: string,
  direction: Direction,
): void {
  const o = typesOf(ours);
  const t = typesOf(theirs);
  if (!o && !t) return;
  const text = `type ${o ? [...o].join('|') : 'any'} (theirs ${t ? [...t].join('|') : 'any'})`;
  const oursRefusesTheirs =
    o !== undefined && (t === undefined || [...t].some((type) => !typeCovered(type, o)));
  const theirsRefusesOurs =
    t !== undefined && (o === undefined || [...o].some((type) => !typeCovered(type, t)));
  if (oursRefusesTheirs) narrowing(ctx, direction, where, true, text, true);
  if (theirsRefusesOurs) narrowing(ctx, direction, where, false, text, true);
}

function compareEnums(
  ctx: DiffContext,
  ours: JsonSchema,
  theirs: JsonSchema,
  where: string,
  direction: Direction,
): void {
  const o = Array.isArray(ours.enum) ? ours.enum : undefined;
  const t = Array.isArray(theirs.enum) ? theirs.enum : undefined;
  if (!o && !t) return;
  const onlyTheirs = t ? t.filter((v) => !o?.includes(v)) : [];
  const onlyOurs = o ? o.filter((v) => !t?.includes(v)) : [];
  if (o && (!t || onlyTheirs.length > 0))
    narrowing(
      ctx,
      direction,
      where,
      true,
      `enum lacks ${t ? onlyTheirs.join(', ') : 'values theirs allows (theirs has no enum)'}`,
      true,
    );
  if (t && (!o || onlyOurs.length > 0))
    narrowing(
      ctx,
      direction,
      where,
      false,
      `enum adds ${o ? onlyOurs.join(', ') : 'any value (ours has no enum)'}`,
      true,
    );
}

/** Exposed for the operation-level diff: a parameter's or media's schema, `$ref` followed. */
export const schemaAt = (doc: Doc, node: unknown): unknown => follow(doc, node);
