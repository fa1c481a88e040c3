// Writing a file whole or not at all, and never leaving a half-written file behind for good (issue 20).

import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The name a file has while it is written: beside the target, saying that it is incomplete and which process writes
 * it (a kill -9 can leave it; the next write to the same target removes it). */
export function incompleteName(path: string, pid = process.pid): string {
  return `${path}.incomplete-${pid}`;
}

/** Files left beside `path` by a write that was killed: `<name>.incomplete-<pid>` (and `<name>.tmp-<pid>` of earlier
 * versions) whose process no longer runs. A process that still runs may be writing it now: its file is left alone. */
export function removeStaleIncomplete(path: string): string[] {
  const dir = dirname(path);
  const prefix = basename(path);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // no such folder: the write itself says so
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^\.(?:incomplete|tmp)-(\d+)$/.exec(name.slice(prefix.length));
    if (!m || Number(m[1]) === process.pid || running(Number(m[1]))) continue;
    try {
      rmSync(join(dir, name), { force: true });
      removed.push(join(dir, name));
    } catch {
      // Not ours to remove (another user's folder): left as it is.
    }
  }
  return removed;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Writes a whole file or nothing: into its incomplete name beside the target, renamed over the target once complete,
 * removed if the write fails. Incomplete files that killed writes left for the same target are removed first. A
 * target that exists and is not a regular file (/dev/stdout, a pipe, a device) is written directly — renaming over
 * it would replace it — and a folder fails as such (EISDIR).
 */
export async function writeWhole(path: string, write: (target: string) => Promise<void> | void): Promise<void> {
  let regular = true;
  try {
    regular = statSync(path).isFile();
  } catch {
    // Not there yet.
  }
  if (!regular) {
    await write(path);
    return;
  }
  removeStaleIncomplete(path);
  const tmp = incompleteName(path);
  try {
    await write(tmp);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
