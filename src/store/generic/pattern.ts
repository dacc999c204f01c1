import type { Faker } from '../seed-faker.ts';

const compiled = new Map<string, RegExp | null>();

/** The pattern as JSON Schema means it (ECMA-262, unicode), or null when it does not compile. */
function regexOf(pattern: string): RegExp | null {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      regex = null;
    }
    compiled.set(pattern, regex);
  }
  return regex;
}

/** Whether `text` matches a schema's `pattern` (a pattern no engine here compiles counts as matched). */
export const matches = (pattern: string, text: string): boolean => regexOf(pattern)?.test(text) ?? true;

/**
 * A string matching `pattern`, made by Faker's regular-expression expander (character classes,
 * repetition), or undefined where its subset cannot express the pattern.
 */
export function fromPattern(faker: Faker, pattern: string): string | undefined {
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  try {
    const made = faker.helpers.fromRegExp(body);
    return matches(pattern, made) ? made : undefined;
  } catch {
    return undefined;
  }
}
