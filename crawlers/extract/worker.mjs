// Entry of an extraction worker thread: the worker has no loader of its own, so it registers tsx's
// before it loads the TypeScript (as src/cli/marketgate.mjs does for the main thread).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
