#!/usr/bin/env node
// Compiled JavaScript for the gateway's threads (docs/decisions/0008-compiled-threads.md).
//
// The sources are TypeScript. Run through tsx, every thread that loads them (the main thread, the
// check workers, the filing writer) starts tsx's loader, which runs on a thread of its own: a V8 isolate
// of 20-30 MiB per loading thread. esbuild (tsx's own compiler) bundles each entry instead, with the
// npm packages left as imports, into node_modules/.cache/marketgate/. A bundle is used only while it
// is fresh, that is while every source file it was built from is unchanged; otherwise the entry falls
// back to tsx (workers) or builds it again first (src/cli/marketgate.mjs). So nothing ever runs code
// older than the sources, and a checkout without a build (or where node_modules is read-only) still
// runs, as before, through tsx.
//
//   node src/cli/build.mjs           builds the bundles (npm run build; npm's postinstall does it too)
//   node src/cli/build.mjs --check   exits 0 when the bundles are fresh, 1 when not
//
// This file is plain JavaScript: it runs before any loader exists. It imports esbuild only to build.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD_DIR = path.join(REPO_ROOT, 'node_modules/.cache/marketgate');

/** What is compiled: one bundle per thread entry. */
export const ENTRIES = {
  cli: 'src/cli/main.ts',
  'check-worker': 'src/filings/check-worker.ts',
  'writer-worker': 'src/filings/writer-worker.ts',
  'extract-worker': 'crawlers/extract/worker.ts',
};

/** Files that change the output without being bundled: this script (its options) and the compiler settings. */
const BUILD_INPUTS = ['src/cli/build.mjs', 'tsconfig.json', 'package.json'];

/**
 * Where and what to build; the defaults are the gateway's (tests build other sources elsewhere).
 * @typedef {{ root?: string, outDir?: string, entries?: Record<string, string>, extraInputs?: string[] }} BuildOptions
 */

/**
 * @typedef {{ entries: Record<string, string>, chunks?: string[], inputs: Record<string, [number, number]> }} Manifest
 * `entries`: bundle file per entry name (relative to the output folder); `chunks`: the files the entries
 * import (code they share, and what they import with `await import()`); `inputs`: [mtimeMs, size] per
 * source file (relative to the root) as they were when the bundles were built.
 */

/** @param {BuildOptions} options */
function settings({ root = REPO_ROOT, outDir, entries = ENTRIES, extraInputs } = {}) {
  return {
    root,
    outDir: outDir ?? path.join(root, 'node_modules/.cache/marketgate'),
    entries,
    extraInputs: extraInputs ?? (root === REPO_ROOT ? BUILD_INPUTS : []),
  };
}

/**
 * @param {ReturnType<typeof settings>} s
 * @returns {Manifest | null} the manifest when every input is unchanged and every bundle is there, else null.
 */
function freshManifest(s) {
  /** @type {Manifest} */
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(s.outDir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
  for (const [file, [mtimeMs, size]] of Object.entries(manifest.inputs ?? {})) {
    let stat;
    try {
      stat = fs.statSync(path.join(s.root, file));
    } catch {
      return null;
    }
    if (stat.mtimeMs !== mtimeMs || stat.size !== size) return null;
  }
  for (const name of Object.keys(s.entries)) {
    const file = manifest.entries?.[name];
    if (!file || !fs.existsSync(path.join(s.outDir, file))) return null;
  }
  for (const file of manifest.chunks ?? []) if (!fs.existsSync(path.join(s.outDir, file))) return null;
  return manifest;
}

/**
 * The URL of the compiled `name` entry when it is fresh, else null (the caller then loads the
 * TypeScript through tsx). Synchronous and cheap (a stat per source file): worker entries call it.
 * @param {string} name
 * @param {BuildOptions} [options]
 * @returns {string | null}
 */
export function builtEntry(name, options) {
  const s = settings(options);
  const manifest = freshManifest(s);
  const file = manifest?.entries[name];
  return file ? pathToFileURL(path.join(s.outDir, file)).href : null;
}

/**
 * Loads a worker thread's code: the compiled `name` entry when it is fresh, else `source` (the
 * TypeScript, by URL) through tsx's loader, which the worker registers for itself.
 * @param {string} name
 * @param {string} source
 * @returns {Promise<void>}
 */
export async function loadWorkerEntry(name, source) {
  const compiled = builtEntry(name);
  if (compiled) {
    process.setSourceMapsEnabled(true);
    await import(compiled);
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import(source);
  }
}

/**
 * Like builtEntry, but builds the bundles first when they are missing or stale (under a second). Null
 * when they cannot be built (no esbuild, a read-only node_modules, a syntax error): the caller runs the
 * TypeScript through tsx instead, which reports a syntax error better anyway.
 * @param {string} name
 * @param {BuildOptions} [options]
 * @returns {Promise<string | null>}
 */
export async function ensureBuilt(name, options) {
  const fresh = builtEntry(name, options);
  if (fresh) return fresh;
  try {
    await build(options);
  } catch {
    return null;
  }
  return builtEntry(name, options);
}

/**
 * Rewrites `import.meta.url` in every bundled source file to that file's own URL, relative to the
 * bundle, so that the files it names (migrations, worker entries, data files) are found where they are.
 * @param {string} outDir
 * @returns {import('esbuild').Plugin}
 */
function keepModuleUrls(outDir) {
  return {
    name: 'keep-module-urls',
    setup(b) {
      b.onLoad({ filter: /\.(ts|mts|mjs|js)$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = await fs.promises.readFile(args.path, 'utf8');
        const loader = /\.m?ts$/.test(args.path) ? 'ts' : 'js';
        if (/import\.meta\.(dirname|filename|resolve)\b/.test(source)) {
          return {
            errors: [{ text: 'import.meta.dirname, filename and resolve are not kept: use import.meta.url' }],
          };
        }
        if (!source.includes('import.meta.url')) return { contents: source, loader };
        const relative = path.relative(outDir, args.path).split(path.sep).join('/');
        return {
          contents: source.replaceAll(
            'import.meta.url',
            `new URL(${JSON.stringify(relative)}, import.meta.url).href`,
          ),
          loader,
        };
      });
    },
  };
}

/** Writes a file whole or not at all: written beside it, then renamed over it. */
function writeAtomically(file, contents) {
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, contents);
  fs.renameSync(temp, file);
}

/**
 * Builds every entry and then writes the manifest. Bundles are named by their content and written
 * whole (renamed into place), and the manifest last: a process that reads the manifest finds the
 * bundles it names complete, even while another process builds the same sources.
 * @param {BuildOptions} [options]
 * @returns {Promise<Manifest>}
 */
export async function build(options) {
  const s = settings(options);
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: s.root,
    entryPoints: s.entries,
    outdir: s.outDir,
    entryNames: '[name].[hash]',
    // Code split into chunks: what a module loads with `await import()` stays out of its entry's bundle,
    // npm packages included (the command line's `--help` loads no command's code: src/cli/main.ts).
    // Without splitting esbuild inlines such a module and hoists its packages' imports to the top.
    splitting: true,
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // npm packages stay imports, resolved from node_modules as before; only our sources are bundled.
    packages: 'external',
    keepNames: true,
    // Stack traces name the TypeScript files and lines (marketgate.mjs and the worker entries enable
    // source maps, as tsx does).
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [keepModuleUrls(s.outDir)],
  });
  fs.mkdirSync(s.outDir, { recursive: true });
  for (const out of result.outputFiles) {
    if (fs.existsSync(out.path)) {
      // The same content, built before: kept, and marked as in use for removeOldBundles.
      const now = new Date();
      fs.utimesSync(out.path, now, now);
    } else writeAtomically(out.path, out.contents);
  }
  /** @type {Manifest} */
  const manifest = { entries: {}, chunks: [], inputs: {} };
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    if (!out.endsWith('.mjs')) continue;
    const file = path.relative(s.outDir, path.resolve(s.root, out));
    const name = Object.keys(s.entries).find((n) => s.entries[n] === meta.entryPoint);
    if (name) manifest.entries[name] = file;
    else manifest.chunks.push(file);
  }
  for (const file of [...Object.keys(result.metafile.inputs), ...s.extraInputs]) {
    const stat = fs.statSync(path.join(s.root, file));
    manifest.inputs[file] = [stat.mtimeMs, stat.size];
  }
  writeAtomically(path.join(s.outDir, 'manifest.json'), `${JSON.stringify(manifest)}\n`);
  removeOldBundles(s.outDir, manifest);
  return manifest;
}

/**
 * Removes bundles and chunks that the manifest does not name once they are ten minutes old: a process
 * reads the manifest just before it loads the bundle named there (a worker that starts later reads it
 * again), and the command line imports a command's chunks as the command starts.
 * @param {string} outDir
 * @param {Manifest} manifest
 */
function removeOldBundles(outDir, manifest) {
  const kept = [...Object.values(manifest.entries), ...(manifest.chunks ?? [])];
  const keep = new Set(kept.flatMap((f) => [f, `${f}.map`]));
  for (const file of fs.readdirSync(outDir)) {
    if (keep.has(file) || !/\.mjs(\.map)?$|\.tmp$/.test(file)) continue;
    const full = path.join(outDir, file);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > 600_000) fs.rmSync(full, { force: true });
    } catch {}
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    process.exitCode = freshManifest(settings()) ? 0 : 1;
  } else {
    try {
      const manifest = await build();
      const names = Object.keys(manifest.entries).join(', ');
      console.log(`marketgate: compiled ${names} into ${path.relative(process.cwd(), BUILD_DIR) || '.'}`);
    } catch (err) {
      console.error(`marketgate: could not compile the sources (${err.message}); they will run through tsx`);
      // npm install goes on without the bundles (the entries fall back to tsx); `npm run build` fails.
      process.exitCode = process.argv.includes('--if-possible') ? 0 : 1;
    }
  }
}
