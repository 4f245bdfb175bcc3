import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/licence-images',
);

/**
 * Why the tests that run tesseract cannot run here, or null when they can. CI installs tesseract-ocr and
 * tesseract-ocr-chi-sim (.ci/setup), so there they always run.
 */
export const tesseractMissing: string | null = (() => {
  const run = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  if (run.error) return 'tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)';
  if (!/^chi_sim$/m.test(run.stdout))
    return 'tesseract has no chi_sim data (apt-get install tesseract-ocr-chi-sim)';
  return null;
})();

if (tesseractMissing) console.warn(`test/ocr: skipping the tests that run tesseract: ${tesseractMissing}`);
