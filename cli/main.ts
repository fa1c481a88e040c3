// The `ladder` command line: finds the command named in the arguments and runs it. Each command is a file of
// cli/commands/ that declares its options and help. Exit codes: 0 ok, 1 user errors, 2 usage or I/O.

import type { Lang } from '../compiler/diagnostics/catalogue.ts';
import { suggestName } from '../compiler/diagnostics/suggest.ts';
import { type Command, type Io, commandHelp, optionsOf, readCommandArgs, usageError } from './args.ts';
import { COMMANDS } from './commands/index.ts';
import { packageVersion } from './pipeline.ts';
import { terminalProgress } from './progress.ts';

export type { Io } from './args.ts';

const terminal = terminalProgress(process.stderr);

/** Writes `text` to stdout, resolving once stdout can take more (a full pipe would otherwise buffer every piece). */
function writeStdout(text: string): Promise<void> {
  return new Promise((resolve) => { if (process.stdout.write(text)) resolve(); else process.stdout.once('drain', () => resolve()); });
}
// Output and messages first clear a progress line, so neither is written over it.
const processIo: Io = {
  out: (t) => { terminal.clear(); process.stdout.write(t + '\n'); },
  err: (t) => { terminal.clear(); process.stderr.write(t + '\n'); },
  write: (t) => { terminal.clear(); return writeStdout(t); },
  progress: terminal.progress,
};

function defaultLang(): Lang {
  const loc = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return /^zh/i.test(loc) ? 'zh' : 'en';
}

/** `ladder --help`: the commands, one line each. */
function usage(lang: Lang): string {
  const zh = lang === 'zh';
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    zh ? '用法：ladder <命令> [选项]' : 'usage: ladder <command> [options]',
    '',
    zh ? '命令：' : 'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary[lang]}`),
    '',
    zh ? '选项：--lang zh|en（默认随系统语言）  --version  -h, --help' : 'options: --lang zh|en (default from the locale)  --version  -h, --help',
    zh ? '每个命令的选项：ladder <命令> --help' : "a command's options: ladder <command> --help",
  ].join('\n');
}

/** --lang wherever it is given (the last one counts), so that even a usage mistake is said in the user's language. */
function langOf(argv: readonly string[]): string | undefined {
  let lang: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--lang') lang = argv[i + 1];
    else if (a.startsWith('--lang=')) lang = a.slice('--lang='.length);
  });
  return lang;
}

/** Where the command's name is: the first argument that is neither an option nor the value of one. */
function commandIndex(argv: readonly string[]): number {
  const takesValue = new Set(COMMANDS.flatMap((c) => optionsOf(c).filter((o) => o.value).map((o) => o.name)));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-')) return i;
    if (a.startsWith('--') && !a.includes('=') && takesValue.has(a.slice(2))) i++;
  }
  return -1;
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const langOpt = langOf(argv);
  if (langOpt !== undefined && langOpt !== 'zh' && langOpt !== 'en') {
    io.err(`--lang must be zh or en（--lang 只能是 zh 或 en）`);
    return 2;
  }
  const lang: Lang = (langOpt as Lang | undefined) ?? defaultLang();
  const at = commandIndex(argv);
  const before = at < 0 ? argv : argv.slice(0, at);
  if (before.includes('--version')) { io.out(packageVersion()); return 0; }
  const helpAsked = before.includes('--help') || before.includes('-h');
  if (at < 0) {
    (helpAsked ? io.out : io.err)(usage(lang));
    return helpAsked ? 0 : 2;
  }
  const name = argv[at]!;
  const rest = [...before, ...argv.slice(at + 1)];
  if (name === 'help') {
    // `ladder help` and `ladder help <command>`.
    const topic = COMMANDS.find((c) => c.name === argv[at + 1]);
    io.out(topic ? commandHelp(topic, lang) : usage(lang));
    return 0;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const near = suggestName(name, COMMANDS.map((c) => c.name));
    io.err(usageError(undefined, lang, near
      ? { zh: `未知命令“${name}”，是否想写“${near}”？（ladder --help 列出全部命令）`, en: `unknown command '${name}'; did you mean '${near}'? (ladder --help lists the commands)` }
      : { zh: `未知命令“${name}”（ladder --help 列出全部命令）`, en: `unknown command '${name}' (ladder --help lists the commands)` }));
    return 2;
  }
  const args = readCommandArgs(command, rest, lang);
  if (args === 'help') { io.out(commandHelp(command, lang)); return 0; }
  if ('problem' in args) { io.err(args.problem); return 2; }
  return command.run(args, lang, io);
}
