// Types of build.mjs (plain JavaScript, see there), for the TypeScript that imports it: the tests.
export declare const BUILD_DIR: string;
export declare const ENTRIES: Record<'cli' | 'check-worker' | 'writer-worker' | 'extract-worker', string>;
export interface BuildOptions {
  /** The folder the entries and inputs are relative to (default: the repository). */
  root?: string;
  /** Where the bundles and their manifest go (default: <root>/node_modules/.cache/marketgate). */
  outDir?: string;
  /** Bundle name → entry file (default: ENTRIES). */
  entries?: Record<string, string>;
  /** Files that are not bundled but change the output when they change. */
  extraInputs?: string[];
}
export interface Manifest {
  entries: Record<string, string>;
  /** Files the entries import: shared code and what they load with `await import()`. */
  chunks?: string[];
  inputs: Record<string, [number, number]>;
}
export declare function builtEntry(name: string, options?: BuildOptions): string | null;
export declare function loadWorkerEntry(name: string, source: string): Promise<void>;
export declare function ensureBuilt(name: string, options?: BuildOptions): Promise<string | null>;
export declare function build(options?: BuildOptions): Promise<Manifest>;
