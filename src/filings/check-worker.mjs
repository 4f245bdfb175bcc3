// Entry of a check worker thread: the compiled bundle when it is fresh, else the TypeScript through tsx
// (src/cli/build.mjs, docs/decisions/0008).
import { loadWorkerEntry } from '../cli/build.mjs';

await loadWorkerEntry('check-worker', new URL('./check-worker.ts', import.meta.url).href);
