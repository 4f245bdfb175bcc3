import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { build, builtEntry, ENTRIES, ensureBuilt } from '../../src/cli/build.mjs';

// The compiled threads (docs/decisions/0008): a bundle is used only while every file it was built from
// is unchanged, and it finds the files its sources name relative to themselves.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-build-'));
const options = { root, outDir: path.join(root, 'out'), entries: { main: 'src/main.ts' } };
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
};
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

write('src/data/words.txt', 'from a file beside the source');
write(
  'src/lib/read.ts',
  `import fs from 'node:fs';
export const words = (): string => fs.readFileSync(new URL('../data/words.txt', import.meta.url), 'utf8');
export const version: number = 1;`,
);
write('src/main.ts', `export { words, version } from './lib/read.ts';`);

describe('compiled entries', () => {
  test('are built, found fresh and keep each source file its own URL', async () => {
    expect(builtEntry('main', options)).toBeNull();
    const url = await ensureBuilt('main', options);
    expect(url).toMatch(/\/out\/main\.[A-Z0-9]+\.mjs$/);
    expect(builtEntry('main', options)).toBe(url);
    const mod = (await import(url!)) as { words(): string; version: number };
    expect(mod.words()).toBe('from a file beside the source');
    expect(mod.version).toBe(1);
  });

  test('go stale when a source changes, and are built again', async () => {
    const before = builtEntry('main', options);
    write(
      'src/lib/read.ts',
      fs.readFileSync(path.join(root, 'src/lib/read.ts'), 'utf8').replace('= 1', '= 2'),
    );
    expect(builtEntry('main', options)).toBeNull();
    const url = await ensureBuilt('main', options);
    expect(url).not.toBe(before);
    expect(((await import(url!)) as { version: number }).version).toBe(2);
  });

  test('go stale when a source goes; a source that does not compile leaves none (callers fall back to tsx)', async () => {
    fs.renameSync(path.join(root, 'src/lib/read.ts'), path.join(root, 'src/lib/read.old'));
    expect(builtEntry('main', options)).toBeNull();
    write('src/lib/read.ts', 'export const version = ;');
    expect(await ensureBuilt('main', options)).toBeNull();
  });

  test("the gateway's own entries build", async () => {
    const manifest = await build();
    expect(Object.keys(manifest.entries).sort()).toEqual(Object.keys(ENTRIES).sort());
    expect(Object.keys(manifest.inputs)).toContain('src/filings/writer.ts');
    for (const name of Object.keys(ENTRIES)) expect(builtEntry(name)).not.toBeNull();
  });
});
