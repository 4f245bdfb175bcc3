// Entry of the filing writer's thread: the compiled bundle when it is fresh, else the TypeScript through tsx
// (src/cli/build.mjs, docs/decisions/0008).
import { loadWorkerEntry } from '../cli/build.mjs';

await loadWorkerEntry('writer-worker', new URL('./writer-worker.ts', import.meta.url).href);
