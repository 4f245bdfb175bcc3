import os from 'node:os';
import { defineConfig } from 'vitest/config';

// vitest runs files on one worker per core but one, which is a single worker on two cores: the suite
// then runs one file after another while most files wait on sockets, timers and child processes. Two
// workers there took 143 s of such files down to 97 s (issue 14); files that keep both cores busy
// (Chromium, 5 MB extractor inputs) took as long either way, and none failed.
const cores = os.availableParallelism();

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: cores < 2 ? 1 : Math.max(2, cores - 1),
  },
});
