// Progress of a long command on stderr: the phase and how far it is, on one line redrawn in place — only when stderr
// is a terminal and the command has run for over a second, so pipes, files and tests see nothing of it.

import type { Io } from './args.ts';

/** What a command reports as it goes: the phase (in the user's language) and, when known, the share done (0–1). */
export type Progress = (phase: string, done?: number) => void;

/** A progress line on a terminal's stderr, or nothing where stderr is not one. */
export function terminalProgress(stream: { isTTY?: boolean; write(text: string): unknown }, now: () => number = Date.now): { progress: Progress; clear(): void } {
  if (!stream.isTTY) return { progress: () => {}, clear: () => {} };
  const start = now();
  let shown = false;
  let last = '';
  return {
    progress: (phase, done) => {
      if (now() - start < 1000) return;
      const text = done === undefined ? phase : `${phase} ${Math.floor(Math.min(1, Math.max(0, done)) * 100)}%`;
      if (text === last) return;
      last = text;
      shown = true;
      stream.write(`\r\x1b[2K${text}`);
    },
    clear: () => { if (shown) stream.write('\r\x1b[2K'); shown = false; },
  };
}

/** The progress of an Io (silent without one). */
export function progressOf(io: Io): Progress {
  return io.progress ?? (() => {});
}
