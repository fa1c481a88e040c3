// `ladder schema`: the policy file's JSON Schema, for editor completion and validation — printed, or written to --out.

import type { Command } from '../args.ts';
import { policySchema } from '../../compiler/schema/validate.ts';
import { emit } from '../output.ts';
import { OUT } from './options.ts';

/** The schema as `ladder schema` gives it; schema/policy.json in the repository is this text (a test keeps it so). */
export function schemaText(): string {
  return JSON.stringify(policySchema, null, 2) + '\n';
}

export const schemaCommand: Command = {
  name: 'schema',
  summary: { zh: '输出策略文件的 JSON Schema（供编辑器使用）', en: 'print the policy JSON Schema (for editors)' },
  description: {
    zh: '输出策略文件的 JSON Schema，供编辑器补全与校验；给出 --out 时写入该文件。\n内置策略的第一行 # yaml-language-server: $schema=… 指向仓库中的 schema/policy.json。',
    en: "print the policy file's JSON Schema, for editor completion and validation; with --out, write it to that file.\nThe bundled policies' first line # yaml-language-server: $schema=… points at schema/policy.json in the repository.",
  },
  positionals: { min: 0, max: 0, name: { zh: '', en: '' } },
  options: [{ ...OUT, help: { zh: '写入该文件（完整写入，否则不留下文件）', en: 'write the schema to this file (whole, or nothing is left of it)' } }],
  run: (args, lang, io) => {
    const out = args.option('out');
    if (out !== undefined) return emit(schemaText(), out, lang, io);
    io.out(schemaText().replace(/\n$/, ''));
    return 0;
  },
};
