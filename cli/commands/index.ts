// Every command of `ladder`, in the order `ladder --help` lists them.

import type { Command } from '../args.ts';
import { checkCommand } from './check.ts';
import { compareCommand } from './compare.ts';
import { diffCommand } from './diff.ts';
import { docCommand } from './doc.ts';
import { explainCommand } from './explain.ts';
import { fmtCommand } from './fmt.ts';
import { genCommand } from './gen.ts';
import { lspCommand } from './lsp.ts';
import { payslipCommand } from './payslip.ts';
import { quotaCommand } from './quota.ts';
import { runCommand } from './run.ts';
import { schemaCommand } from './schema.ts';
import { sweepCommand } from './sweep.ts';
import { testCommand } from './test.ts';

export const COMMANDS: readonly Command[] = [
  checkCommand, runCommand, explainCommand, payslipCommand, quotaCommand, sweepCommand, diffCommand, compareCommand,
  testCommand, docCommand, fmtCommand, genCommand, schemaCommand, lspCommand,
];
