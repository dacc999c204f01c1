import type { SpecMedia } from './types.ts';

/** `application/json` or any `type/subtype+json` (`application/vnd.xtrf-v1+json`), parameters ignored. */
export function isJsonType(mediaType: string): boolean {
  const type = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || /^[a-z0-9!#$&^_.-]+\/[a-z0-9!#$&^_.+-]+\+json$/.test(type);
}

/** The JSON media of a content map: `application/json`, else the first `+json` type; and its type. */
export function jsonEntryOf(
  content: Record<string, SpecMedia> | undefined,
): [type: string, media: SpecMedia] | undefined {
  if (!content) return undefined;
  const type =
    Object.keys(content).find((t) => t === 'application/json') ?? Object.keys(content).find(isJsonType);
  const media = type === undefined ? undefined : content[type];
  return type === undefined || media === undefined ? undefined : [type, media];
}

/** The body's JSON media: `application/json`, else the first `+json` type (`merge-patch+json`). */
export const jsonMediaOf = (content: Record<string, SpecMedia> | undefined): SpecMedia | undefined =>
  jsonEntryOf(content)?.[1];
