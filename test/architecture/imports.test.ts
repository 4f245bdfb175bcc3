import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.ts';

/** Every TypeScript module under the given folders, as paths relative to the repository. */
function modules(...roots: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  roots.forEach(walk);
  return out;
}

// Static imports and re-exports, type-only ones included: a circle of types is still a circle to read.
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm;

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(REPO, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => path.join(path.dirname(file), m[1]!));
}

const graph = new Map(modules('src', 'crawlers', 'fixtures').map((f) => [f, importsOf(f)]));

/** The circles of the import graph, each once, as the list of modules around it. */
function circles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') found.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('the import graph', () => {
  it('reads the modules it checks', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('src/gateway.ts')).toContain('src/gateway-types.ts');
  });

  it('has no circles, type-only imports included', () => {
    expect(circles().map((c) => c.join(' > '))).toEqual([]);
  });

  it('finds a circle when there is one (the check itself works)', () => {
    graph.set('src/gateway-types.ts', [...graph.get('src/gateway-types.ts')!, 'src/gateway.ts']);
    try {
      expect(circles().length).toBeGreaterThan(0);
    } finally {
      graph.set('src/gateway-types.ts', importsOf('src/gateway-types.ts'));
    }
  });

  it('keeps the crawler library free of the gateway: crawlers/ never imports src/', () => {
    const offenders = [...graph]
      .filter(([file]) => file.startsWith('crawlers/'))
      .flatMap(([file, deps]) => deps.filter((d) => d.startsWith('src/')).map((d) => `${file} > ${d}`));
    expect(offenders).toEqual([]);
  });

  it('keeps HTTP out of the domain: services, stores and pure helpers never import src/http/ or hono', () => {
    const domain = /^src\/(?:[^/]+\/(?:service|store|records|workflow|rules|model)\.ts|lib\/.*)$/;
    const offenders = [...graph.keys()]
      .filter((file) => domain.test(file))
      .filter((file) => {
        const text = readFileSync(path.join(REPO, file), 'utf8');
        return /from ['"]hono/.test(text) || graph.get(file)!.some((d) => d.startsWith('src/http/'));
      });
    expect(offenders).toEqual([]);
  });

  it('keeps writes in verbs: routes and the console never open a transaction or append to the audit log', () => {
    // The console's own verbs (login, logout: sessions.ts) and its store are not shells.
    const shell = /^src\/(?:[^/]+\/(?:[^/]*routes\.tsx?)|console\/(?!(?:store|sessions)\.ts$)[^/]+\.tsx?)$/;
    const checked = [...graph.keys()].filter((file) => shell.test(file));
    expect(checked).toEqual(
      expect.arrayContaining(['src/credit/routes.ts', 'src/console/crawls-console.tsx']),
    );
    const offenders = checked.flatMap((file) => {
      const text = readFileSync(path.join(REPO, file), 'utf8');
      return [...text.matchAll(/\.transaction\(|audit\.append\(/g)].map((m) => `${file}: ${m[0]}`);
    });
    expect(offenders).toEqual([]);
  });
});
