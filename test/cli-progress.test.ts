// Progress on stderr: a terminal sees the phase and the share done once a command has run for a second; a pipe or
// a file sees nothing, and output clears the line first.

import { describe, expect, it } from 'vitest';
import { terminalProgress } from '../cli/progress.ts';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, write: (t: string) => { written.push(t); return true; }, written };
}

describe('progress on stderr', () => {
  it('says nothing where stderr is not a terminal', () => {
    const s = stream(false);
    let t = 0;
    const p = terminalProgress(s, () => t);
    t = 5000;
    p.progress('computing', 0.5);
    p.clear();
    expect(s.written).toEqual([]);
  });
  it('waits a second, then redraws one line with the phase and percent, and clears it', () => {
    const s = stream(true);
    let t = 0;
    const p = terminalProgress(s, () => t);
    p.progress('computing', 0.1);
    expect(s.written).toEqual([]);
    t = 1500;
    p.progress('computing', 0.25);
    p.progress('computing', 0.251); // the same percent: not drawn again
    p.progress('writing the results…');
    p.clear();
    expect(s.written).toEqual(['\r\x1b[2Kcomputing 25%', '\r\x1b[2Kwriting the results…', '\r\x1b[2K']);
  });
});
