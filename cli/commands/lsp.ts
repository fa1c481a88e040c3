// `ladder lsp`: the language server for editors, over stdin/stdout (cli/lsp.ts).

import type { Command } from '../args.ts';
import { serveLanguage } from '../lsp.ts';

export const lspCommand: Command = {
  name: 'lsp',
  summary: { zh: '语言服务器（LSP，经标准输入输出），供编辑器使用', en: 'language server (LSP over stdio) for editors' },
  description: {
    zh: '以 Language Server Protocol 经标准输入输出为编辑器提供：随输入更新的诊断、节与名称的补全、悬停说明、\n跳转到定义，以及“是否想写”的快速修复。由编辑器启动，不直接在终端使用；配置见参考手册第 9 节。',
    en: 'serve editors over the Language Server Protocol on stdin/stdout: diagnostics as you type, completion of keys\nand names, hover docs, go to definition and "did you mean" quick fixes. Started by an editor, not used in a\nterminal; reference §9 shows the VS Code and Neovim setup.',
  },
  positionals: { min: 0, max: 0, name: { zh: '', en: '' } },
  // Editors' LSP clients pass --stdio; stdio is the only transport, so it is accepted and changes nothing.
  options: [{ name: 'stdio', help: { zh: '经标准输入输出通信（默认，也是唯一方式）', en: 'talk over stdin/stdout (the default and only transport)' } }],
  run: (_args, lang) => serveLanguage(lang),
};
