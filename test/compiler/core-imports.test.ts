// The core must run in a browser Web Worker: no file of compiler/ or runtime/ may import a Node built-in.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const files = ['compiler', 'runtime'].flatMap((d) =>
  readdirSync(join(root, d), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(d, f)));

describe('core has no Node-only imports', () => {
  it.each(files)('%s', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(text).not.toMatch(/from ['"](node:|fs|path|os|child_process|url)['"/]/);
    expect(text).not.toMatch(/\bprocess\.|\brequire\(/);
  });
});
