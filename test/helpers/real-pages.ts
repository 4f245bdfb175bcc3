import fs from 'node:fs';

/**
 * Real third-party store pages, kept beside the repository in ../shared/data/real-pages (see the README
 * there for where each comes from). They belong to the sites' operators and are not published with the
 * repository, so a clone does not have them: tests on them run only where the folder exists, and say
 * so in their name when it does not. fixtures/pages/ holds our own pages of the same kinds.
 */
export const REAL_PAGES_DIR = new URL('../../../shared/data/real-pages/', import.meta.url);

export const REAL_PAGES_PRESENT = fs.existsSync(REAL_PAGES_DIR);

/** What a skipped test on the real pages is called: the output says that it did not run, and why. */
export const REAL_PAGES_SKIPPED =
  'NOT RUN: ../shared/data/real-pages not present: third-party pages not published with the repository (our own pages of the same kinds, in fixtures/pages/, are tested on every run)';

/**
 * Says on the test output that `what` did not run, when the real pages are absent: the reporter lists
 * skipped tests only by count.
 */
export function warnWhenRealPagesAbsent(what: string): void {
  if (!REAL_PAGES_PRESENT) console.warn(`${what}: ${REAL_PAGES_SKIPPED}`);
}

export function readRealPage(file: string): Buffer {
  return fs.readFileSync(new URL(file, REAL_PAGES_DIR));
}
