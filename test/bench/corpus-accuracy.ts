import fs from 'node:fs';
import path from 'node:path';
import { extractFindings } from '../../crawlers/extract/index.ts';
import { judge } from '../../crawlers/verify/judge.ts';

/**
 * Verdict accuracy on a corpus of saved pages: a folder with a cases.json of
 * {file, filed: {name, uscc}, verdict, reason?} (fixtures/pages/misjudged is one). Extraction and the
 * verdict only: no network. Returns the share judged as expected and the misses.
 */
export function corpusAccuracy(dir: string) {
  const cases = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8')) as {
    file: string;
    filed: { name: string; uscc: string | null };
    verdict: string;
    reason?: string;
  }[];
  const misses: string[] = [];
  for (const c of cases) {
    const html = fs.readFileSync(path.join(dir, c.file), 'utf8');
    const j = judge(extractFindings(html, 'https://shop.example.cn/store/1'), c.filed);
    if (j.verdict !== c.verdict || (c.reason ?? undefined) !== j.reason)
      misses.push(`${c.file}: ${j.verdict}/${j.reason ?? '-'}, expected ${c.verdict}/${c.reason ?? '-'}`);
  }
  return { pages: cases.length, right: cases.length - misses.length, misses };
}
