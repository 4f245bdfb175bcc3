/**
 * Resolves once `work` settles or `signal` aborts, whichever comes first. It never rejects: a stop that
 * waits for work in flight is not the place where that work's failure is handled.
 */
export function settledOrAborted(work: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  if (!signal) return settled;
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done);
    void settled.then(done);
  });
}
