/**
 * Licence pictures (issue 17): how well readLicenceImage reads the fixtures of each quality, and what
 * a picture costs.
 *
 *   node --import tsx test/bench/ocr.ts [--runs N]
 *
 * Per quality: the share of pictures read exactly (the code and the name shown on the licence both
 * found), the share judged as cases.json expects (a picture left inconclusive does not count), and the
 * share judged wrongly (a conclusion other than the expected one: must be 0). Then tesseract's time per
 * picture (p50 / p95) with the pool of 2, and the machine.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeCompanyName } from '../../crawlers/extract/names.ts';
import {
  judgeLicenceReading,
  OcrPool,
  READ_DEFAULTS,
  readLicenceImage,
  tesseractVersion,
} from '../../crawlers/ocr/index.ts';
import { machine, REPO_ROOT, table } from './lib.ts';

interface Case {
  file: string;
  quality: string;
  filed: { name: string; uscc: string };
  shown: { name: string; uscc: string };
  expected: { verdict: string };
}

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 1;
const dir = path.join(REPO_ROOT, 'fixtures/licence-images');
const cases: Case[] = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8'));

const version = await tesseractVersion();
if (!version) {
  console.error('tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-chi-sim');
  process.exit(1);
}

const pool = new OcrPool(2);
const times: number[] = [];
let secondPasses = 0;
const byQuality = new Map<
  string,
  { n: number; exact: number; expected: number; wrong: number; failures: string[] }
>();
const started = performance.now();
for (let run = 0; run < runs; run++) {
  await Promise.all(
    cases.map(async (c) => {
      const reading = await readLicenceImage(readFileSync(path.join(dir, c.file)), { pool });
      times.push(reading.ms);
      if (reading.secondPass) secondPasses++;
      const judgement = judgeLicenceReading(reading, c.filed);
      const exact =
        reading.codes.some((x) => x.code === c.shown.uscc) &&
        reading.names.some((n) => n.normalized === normalizeCompanyName(c.shown.name));
      const quality =
        c.file.includes('wrong-check') || c.file.includes('other-company')
          ? 'bad licence (clean)'
          : c.quality;
      const q = byQuality.get(quality) ?? { n: 0, exact: 0, expected: 0, wrong: 0, failures: [] };
      byQuality.set(quality, q);
      q.n++;
      if (exact) q.exact++;
      if (judgement.verdict === c.expected.verdict) q.expected++;
      else if (judgement.verdict !== 'inconclusive') q.wrong++;
      if (run === 0 && judgement.verdict !== c.expected.verdict) {
        const code = reading.codes[0];
        q.failures.push(
          `${c.file}: ${judgement.verdict}${judgement.reason ? `/${judgement.reason}` : ''}; code read ${code ? `${code.code} (${code.valid ? 'valid' : 'check fails'}, conf ${code.confidence})` : 'none'}`,
        );
      }
    }),
  );
}
const wall = performance.now() - started;

const pct = (a: number, b: number) => `${Math.round((100 * a) / b)}% (${a}/${b})`;
const sorted = [...times].sort((a, b) => a - b);
const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

console.log(
  `Licence pictures: ${cases.length} fixtures × ${runs} run(s), pool of ${pool.concurrency}, ${version}`,
);
console.log(machine());
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log();
console.log(
  table(
    ['quality', 'read exactly', 'judged as expected', 'judged wrongly'],
    [...byQuality].map(([quality, q]) => [
      quality,
      pct(q.exact, q.n),
      pct(q.expected, q.n),
      pct(q.wrong, q.n),
    ]),
  ),
);
console.log();
console.log(
  `OCR time per picture (tesseract process, queue excluded): p50 ${Math.round(at(0.5))} ms, p95 ${Math.round(at(0.95))} ms; ` +
    `wall ${(wall / 1000).toFixed(1)} s for ${times.length} pictures (${Math.round(wall / times.length)} ms each with 2 at a time)`,
);
console.log(
  `Second pass (psm ${READ_DEFAULTS.fallbackPsm}, when the first reads no valid code): ${secondPasses} of ${times.length} pictures`,
);
console.log();
console.log('Not judged as expected (first run):');
for (const [, q] of byQuality) for (const f of q.failures) console.log(`- ${f}`);
