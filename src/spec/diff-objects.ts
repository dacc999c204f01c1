import { add, type DiffContext, type Direction, narrowing } from './diff-findings.ts';
import type { JsonSchema } from './types.ts';

const isObj = (value: unknown): value is JsonSchema =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Properties, `required` and closedness of two object schemas. A property one side lacks is judged
 * by who could trip: a published client sending it to a closed request schema of ours, or reading
 * one of ours its closed answer schema does not declare. `recurse` compares shared properties.
 */
export function compareObjects(
  ctx: DiffContext,
  ours: JsonSchema,
  theirs: JsonSchema,
  where: string,
  direction: Direction,
  recurse: (ours: unknown, theirs: unknown, where: string) => void,
): void {
  const op = isObj(ours.properties) ? ours.properties : {};
  const tp = isObj(theirs.properties) ? theirs.properties : {};
  const oReq = new Set(Array.isArray(ours.required) ? (ours.required as string[]) : []);
  const tReq = new Set(Array.isArray(theirs.required) ? (theirs.required as string[]) : []);
  const oClosed = ours.additionalProperties === false;
  const tClosed = theirs.additionalProperties === false;
  const at = (name: string) => `${where}.${name}`;
  for (const name of Object.keys(tp)) {
    if (name in op) continue;
    if (direction === 'request')
      add(
        ctx,
        oClosed ? 'breaking' : 'missing',
        at(name),
        oClosed ? 'property theirs allows is refused (closed object)' : 'property not declared',
      );
    else
      add(
        ctx,
        tReq.has(name) ? 'breaking' : 'missing',
        at(name),
        tReq.has(name) ? 'required property is never answered' : 'property never answered',
      );
  }
  for (const name of Object.keys(op)) {
    if (name in tp) {
      recurse(op[name], tp[name], at(name));
      continue;
    }
    if (direction === 'request')
      add(
        ctx,
        oReq.has(name) ? 'breaking' : 'added',
        at(name),
        oReq.has(name) ? 'new required property' : 'optional property added',
      );
    else
      add(
        ctx,
        tClosed ? 'breaking' : 'added',
        at(name),
        tClosed ? 'property their closed schema does not allow' : 'property added',
      );
  }
  for (const name of oReq)
    if (!tReq.has(name) && name in tp)
      narrowing(
        ctx,
        direction,
        at(name),
        true,
        direction === 'request' ? 'now required' : 'always answered (theirs optional)',
        false,
      );
  for (const name of tReq)
    if (!oReq.has(name) && name in op) {
      if (direction === 'request') add(ctx, 'looser', at(name), 'no longer required');
      else add(ctx, 'breaking', at(name), 'required by theirs, optional here');
    }
  if (
    oClosed !== tClosed &&
    (Object.keys(op).length > 0 || Object.keys(tp).length > 0 || oClosed || tClosed)
  ) {
    const text = oClosed ? 'closed object (theirs open)' : 'open object (theirs closed)';
    if (oClosed) narrowing(ctx, direction, where, true, text, false);
    else add(ctx, 'looser', where, text);
  }
  const oMap = isObj(ours.additionalProperties) ? ours.additionalProperties : undefined;
  const tMap = isObj(theirs.additionalProperties) ? theirs.additionalProperties : undefined;
  if (oMap && tMap) recurse(oMap, tMap, `${where}{}`);
  else if (oMap && !tMap && !tClosed)
    narrowing(ctx, direction, `${where}{}`, true, 'map values constrained (theirs any)', false);
}
