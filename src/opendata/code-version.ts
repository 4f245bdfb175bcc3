/**
 * The manifest's `code_version`: package.json's version, and the git commit the code was checked out
 * at when there is a `.git` (`0.1.0+git.<40 hex>`), so that a day's files can be traced to the code
 * that made them. The commit is read from `.git` itself (HEAD, the branch's ref file or packed-refs,
 * a worktree's `gitdir:` link), without running git, which a server need not have. Uncommitted changes
 * cannot be seen that way: a build from a changed work tree carries the commit it started from.
 * An installed copy without `.git` gives the version alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATEWAY_VERSION } from '../backup/manifest.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COMMIT = /^[0-9a-f]{40}$/;

export function codeVersion(repoRoot: string = REPO_ROOT): string {
  const commit = gitCommit(repoRoot);
  return commit ? `${GATEWAY_VERSION}+git.${commit}` : GATEWAY_VERSION;
}

/** The commit HEAD points at in `repoRoot`, or undefined when there is no readable `.git`. */
export function gitCommit(repoRoot: string): string | undefined {
  try {
    const gitDir = resolveGitDir(path.join(repoRoot, '.git'));
    if (!gitDir) return undefined;
    const head = fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    if (COMMIT.test(head)) return head;
    const ref = /^ref: (refs\/[^\s]+)$/.exec(head)?.[1];
    if (!ref || ref.split('/').includes('..')) return undefined;
    // A worktree keeps its HEAD but shares the branches of the main repository (its commondir).
    const commonDir = readCommonDir(gitDir);
    for (const dir of [gitDir, commonDir]) {
      const loose = readIfExists(path.join(dir, ref))?.trim();
      if (loose && COMMIT.test(loose)) return loose;
    }
    for (const line of (readIfExists(path.join(commonDir, 'packed-refs')) ?? '').split('\n')) {
      const [hash, name] = line.trim().split(' ');
      if (name === ref && hash && COMMIT.test(hash)) return hash;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function resolveGitDir(dotGit: string): string | undefined {
  const stat = fs.statSync(dotGit, { throwIfNoEntry: false });
  if (!stat) return undefined;
  if (stat.isDirectory()) return dotGit;
  const link = /^gitdir: (.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'))?.[1]?.trim();
  return link ? path.resolve(path.dirname(dotGit), link) : undefined;
}

function readCommonDir(gitDir: string): string {
  const common = readIfExists(path.join(gitDir, 'commondir'))?.trim();
  return common ? path.resolve(gitDir, common) : gitDir;
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
