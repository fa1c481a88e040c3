// `ladder lsp` driven over stdio as an editor drives it: a document with a mistyped name gets the diagnostic and a
// "did you mean" quick fix, completion and hover answer from the compiler, once the text is fixed the diagnostic is
// gone, and Format Document gives ladder fmt's layout.

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', 'bin', 'ladder.js');

/** A minimal LSP client: Content-Length framed JSON-RPC over the server's stdin/stdout. */
class Client {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();
  private readonly notes: { method: string; params: any }[] = [];
  private readonly watchers: (() => void)[] = [];
  readonly stderr: string[] = [];

  constructor(readonly server: ChildProcessWithoutNullStreams) {
    server.stderr.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    server.stdout.on('data', (d: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, d]);
      for (;;) {
        const head = this.buffer.indexOf('\r\n\r\n');
        if (head < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, head).toString())![1]);
        if (this.buffer.length < head + 4 + length) return;
        const message = JSON.parse(this.buffer.subarray(head + 4, head + 4 + length).toString('utf8'));
        this.buffer = this.buffer.subarray(head + 4 + length);
        if (message.id !== undefined && message.method === undefined) this.waiting.get(message.id)?.(message.result);
        else if (message.method) {
          this.notes.push(message);
          // Requests from the server (registrations, configuration) are answered with nothing.
          if (message.id !== undefined) this.send({ jsonrpc: '2.0', id: message.id, result: null });
          for (const w of this.watchers.splice(0)) w();
        }
      }
    });
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.server.stdin.write(body);
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (r: unknown) => void);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The first notification (received already or yet to come) that matches. */
  async note(method: string, match: (params: any) => boolean): Promise<any> {
    for (;;) {
      const found = this.notes.find((n) => n.method === method && match(n.params));
      if (found) return found.params;
      await new Promise<void>((resolve) => this.watchers.push(resolve));
    }
  }
}

const uri = 'file:///tmp/ladder-lsp-test/policy.yaml';
const broken = 'policy:\n  name: 提醒\ninputs:\n  满意度: percent\nflags:\n  提醒: { when: 满意读 < 95% }\n';
const fixed = broken.replace('满意读', '满意度');

describe('ladder lsp', () => {
  const server = spawn(process.execPath, [bin, 'lsp', '--stdio', '--lang', 'en'], { stdio: 'pipe' });
  const client = new Client(server);
  afterAll(() => { if (server.exitCode === null) server.kill(); });

  it('publishes diagnostics as the document changes, with quick fix, completion and hover', async () => {
    const init = await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    expect(init.capabilities).toMatchObject({ hoverProvider: true, definitionProvider: true });
    client.notify('initialized', {});

    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: broken } });
    const first = await client.note('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 1);
    const error = first.diagnostics.find((d: any) => d.severity === 1);
    expect(error).toMatchObject({ source: 'ladder', range: { start: { line: 5, character: 14 }, end: { line: 5, character: 17 } } });
    expect(error.message).toMatch(/满意读/);
    expect(error.message).toMatch(/满意度/);

    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: error.range, context: { diagnostics: [error] } });
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ kind: 'quickfix', edit: { changes: { [uri]: [{ range: error.range, newText: '满意度' }] } } });

    const completion = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 14 } });
    const labels = (completion as { label: string }[]).map((c) => c.label);
    expect(labels).toContain('满意度');
    expect(labels).toContain('avg');
    const keys = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 2 } });
    expect((keys as { label: string }[]).map((c) => c.label)).toContain('effective');

    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 0 } });
    expect(hover).toBe(null); // the indentation before a key
    const keyHover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 2 } });
    expect(keyHover.contents.value).toMatch(/^\*\*inputs\*\* — /);

    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: error.range, text: '满意度' }] });
    const second = await client.note('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 2);
    expect(second.diagnostics.filter((d: any) => d.severity === 1)).toEqual([]);

    const nameHover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 15 } });
    expect(nameHover.contents.value).toMatch(/\*\*满意度\*\* — input/);
    const definition = await client.request('textDocument/definition', { textDocument: { uri }, position: { line: 5, character: 15 } });
    expect(definition).toMatchObject({ uri, range: { start: { line: 3, character: 2 } } });
    expect(fixed).toContain('when: 满意度');

    // Format Document: the whole text in ladder fmt's layout (here: a blank line between sections).
    const edits = await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    expect(edits).toEqual([{ range: { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } }, newText: 'policy:\n  name: 提醒\n\ninputs:\n  满意度: percent\n\nflags:\n  提醒: { when: 满意度 < 95% }\n' }]);

    await client.request('shutdown', null);
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    client.notify('exit', null);
    expect(await exited).toBe(0);
    expect(client.stderr.join('')).toBe('');
  });
});
