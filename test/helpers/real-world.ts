import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { LoadedSpec } from '../../src/spec/types.ts';

/** The real-world descriptions copied by scripts/extract-real-world.ts (test/fixtures/real-world). */
export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/real-world/', import.meta.url));

export interface CorpusEntry {
  id: string;
  package: string;
  file: string;
  licence: string;
  why: string;
}

export const CORPUS: readonly CorpusEntry[] = JSON.parse(
  readFileSync(`${CORPUS_DIR}catalogue.json`, 'utf8'),
) as CorpusEntry[];

export const corpusPath = (id: string): string => `${CORPUS_DIR}${id}.json`;

export async function loadCorpusSpec(id: string): Promise<LoadedSpec> {
  const loaded = await loadSpec(corpusPath(id));
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.value;
}
