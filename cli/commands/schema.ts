// `ladder schema`: the policy file's JSON Schema, for editor completion and validation.

import type { Command } from '../args.ts';
import { policySchema } from '../../compiler/schema/validate.ts';

export const schemaCommand: Command = {
  name: 'schema',
  summary: { zh: '输出策略文件的 JSON Schema（供编辑器使用）', en: 'print the policy JSON Schema (for editors)' },
  description: {
    zh: '输出策略文件的 JSON Schema，供编辑器补全与校验。',
    en: "print the policy file's JSON Schema, for editor completion and validation.",
  },
  positionals: { min: 0, max: 0, name: { zh: '', en: '' } },
  options: [],
  run: (_args, _lang, io) => {
    io.out(JSON.stringify(policySchema, null, 2));
    return 0;
  },
};
