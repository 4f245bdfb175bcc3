import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CodeVector {
  code: string;
  expected: 'valid' | 'invalid';
  note: string;
  source: string;
  line: number;
}

/**
 * Reads one of the test-vector files in test/vectors/ (where each comes from: its README.md): code,
 * expected, note, source, tab-separated; lines starting with # are comments.
 */
export function readCodeVectors(name: 'uscc.tsv' | 'resident_id.tsv'): CodeVector[] {
  const file = fileURLToPath(new URL(`../vectors/${name}`, import.meta.url));
  const vectors: CodeVector[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const text = raw.replace(/\r$/, '');
      if (text === '' || text.startsWith('#')) return;
      const [code, expected, note = '', source = ''] = text.split('\t');
      if (code === undefined || (expected !== 'valid' && expected !== 'invalid')) {
        throw new Error(
          `${name} line ${i + 1}: expected "code<TAB>valid|invalid<TAB>...", got ${JSON.stringify(raw)}`,
        );
      }
      vectors.push({ code, expected, note, source, line: i + 1 });
    });
  return vectors;
}
