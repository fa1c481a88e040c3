// Where a command's output goes: printed, or written whole to its --out file (nothing is left of it if that fails).

import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import type { Lang } from '../compiler/diagnostics/catalogue.ts';
import type { Io } from './args.ts';
import { writeWhole } from './write-whole.ts';

/** A command's text output: written whole to --out (or nothing is), else printed; 2 when the file cannot be written. */
export async function emit(text: string, out: string | undefined, lang: Lang, io: Io): Promise<number> {
  if (typeof out === 'string') return writeOut(out, (target) => writeFileSync(target, text), lang, io);
  io.out(text.replace(/\n$/, ''));
  return 0;
}

/** Output made in pieces (a large JSON): each piece written as it is made, to the file (whole or nothing) or to
 * stdout, so the whole text is never held at once. */
export async function emitChunks(chunks: Iterable<string>, out: string | undefined, lang: Lang, io: Io): Promise<number> {
  if (typeof out === 'string') {
    return writeOut(out, (target) => {
      const fd = openSync(target, 'w');
      try { for (const c of chunks) writeSync(fd, c); } finally { closeSync(fd); }
    }, lang, io);
  }
  if (io.write) { for (const c of chunks) await io.write(c); return 0; }
  return emit([...chunks].join(''), out, lang, io);
}

/** A file written whole to `path` by `write` (nothing is left of it if that fails): 0, or 2 with the reason said. */
export async function writeOut(path: string, write: (target: string) => Promise<void> | void, lang: Lang, io: Io): Promise<number> {
  try {
    await writeWhole(path, write);
    return 0;
  } catch (e) {
    return cannotWrite(path, e, lang, io);
  }
}

/** A file that could not be written: said in one line with the system's reason; exit code 2. */
export function cannotWrite(path: string | undefined, e: unknown, lang: Lang, io: Io): number {
  const why = (e as NodeJS.ErrnoException).code ?? e;
  io.err(lang === 'zh' ? `无法写入 ${String(path)}：${why}` : `cannot write ${String(path)}: ${why}`);
  return 2;
}
