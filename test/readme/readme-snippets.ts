import { readFile } from 'node:fs/promises';

const README = new URL('../../README.md', import.meta.url);

/** The README's fenced code block whose first line is `// <name>` (the file name it tells users to create). */
export async function readSnippet(name: string): Promise<string> {
  const text = await readFile(README, 'utf8');
  for (const match of text.matchAll(/```(?:ts|js)\n([\s\S]*?)```/g)) {
    const code = match[1] ?? '';
    if (code.startsWith(`// ${name}\n`)) return code;
  }
  throw new Error(`README: no code block starting with "// ${name}"`);
}
