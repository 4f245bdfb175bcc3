import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { GATEWAY_VERSION } from '../../src/backup/manifest.ts';
import { codeVersion, gitCommit } from '../../src/opendata/code-version.ts';
import { tempFolder } from './helpers.ts';

const folder = tempFolder();
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

function write(root: string, files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
}

describe('codeVersion', () => {
  test('is the version alone without .git', () => {
    expect(codeVersion(folder())).toBe(GATEWAY_VERSION);
  });

  test('adds the commit of a branch, loose or packed, or of a detached HEAD', () => {
    const loose = folder();
    write(loose, { '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${A}\n` });
    expect(codeVersion(loose)).toBe(`${GATEWAY_VERSION}+git.${A}`);

    const packed = folder();
    write(packed, {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/packed-refs': `# pack-refs with: peeled fully-peeled sorted\n${B} refs/heads/other\n${A} refs/heads/main\n`,
    });
    expect(gitCommit(packed)).toBe(A);

    const detached = folder();
    write(detached, { '.git/HEAD': `${B}\n` });
    expect(gitCommit(detached)).toBe(B);
  });

  test('follows a worktree’s gitdir link to the shared branches', () => {
    const root = folder();
    write(root, {
      'main/.git/refs/heads/feature': `${B}\n`,
      'main/.git/worktrees/wt/HEAD': 'ref: refs/heads/feature\n',
      'main/.git/worktrees/wt/commondir': '../..\n',
      'wt/.git': 'gitdir: ../main/.git/worktrees/wt\n',
    });
    expect(gitCommit(path.join(root, 'wt'))).toBe(B);
  });

  test('gives no commit for a branch without one (a new repository) or a strange HEAD', () => {
    const empty = folder();
    write(empty, { '.git/HEAD': 'ref: refs/heads/main\n' });
    expect(gitCommit(empty)).toBeUndefined();
    const odd = folder();
    write(odd, { '.git/HEAD': 'ref: refs/../../etc/passwd\n' });
    expect(gitCommit(odd)).toBeUndefined();
  });
});
