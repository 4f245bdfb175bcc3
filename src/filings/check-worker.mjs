// Entry of a check worker thread: the compiled bundle when it is fresh (src/cli/build.mjs), else the
// TypeScript through tsx's loader, which the worker registers for itself (docs/decisions/0008).
import { builtEntry } from '../cli/build.mjs';

const compiled = builtEntry('check-worker');
if (compiled) {
  process.setSourceMapsEnabled(true);
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./check-worker.ts');
}
