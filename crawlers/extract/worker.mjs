// Entry of an extraction worker thread: the compiled bundle when it is fresh, else the TypeScript through
// tsx (src/cli/build.mjs, docs/decisions/0008).
import { loadWorkerEntry } from '../../src/cli/build.mjs';

await loadWorkerEntry('extract-worker', new URL('./worker.ts', import.meta.url).href);
