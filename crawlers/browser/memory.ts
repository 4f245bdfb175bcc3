import fs from 'node:fs';
import os from 'node:os';

const PAGE_BYTES = 4096;

/**
 * Resident memory of `pids` and every process below them (Chromium's renderers, GPU and utility
 * processes), in bytes, read from /proc; null where there is no /proc (not Linux). Shared pages are
 * counted once per process, as `ps` does: an upper bound.
 */
export function processTreeRss(pids: readonly number[]): number | null {
  if (os.platform() !== 'linux' || !fs.existsSync('/proc/self/statm')) return null;
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : NaN;
    if (!Number.isFinite(ppid)) continue;
    if (!parents.has(ppid)) parents.set(ppid, []);
    parents.get(ppid)!.push(Number(entry));
  }
  let bytes = 0;
  const seen = new Set<number>();
  const stack = [...pids];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const statm = read(`/proc/${pid}/statm`);
    if (statm) bytes += Number(statm.split(' ')[1] ?? 0) * PAGE_BYTES;
    stack.push(...(parents.get(pid) ?? []));
  }
  return bytes;
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined; // the process ended meanwhile
  }
}
