// A command's arguments: each command declares its options once; they are read with node:util parseArgs (strict),
// and every usage mistake is said in one line naming the option, the closest known one or the values allowed (issue 17).

import { parseArgs } from 'node:util';
import type { Lang } from '../compiler/diagnostics/catalogue.ts';
import { suggestName } from '../compiler/diagnostics/suggest.ts';

/** A text in both languages. */
export interface Text {
  readonly zh: string;
  readonly en: string;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Writes text to stdout as it is (no newline added): large outputs in pieces. Absent, `out` gets the whole text. */
  write?(text: string): Promise<void> | void;
  /** Where a long command says how far it is (cli/progress.ts); absent, nothing is said. */
  progress?(phase: string, done?: number): void;
}

/** One option of a command. Without `value` it is a flag; with `values` only those are allowed; with `month` only a
 * YYYY-MM month. */
export interface OptionSpec {
  readonly name: string;
  /** What the value is, shown in the help (`<folder|.xlsx|.json>`, `YYYY-MM`); absent for a flag. */
  readonly value?: Text;
  readonly values?: readonly string[];
  readonly month?: boolean;
  readonly required?: boolean;
  /** Given more than once, every value is kept (gen --policy a --policy b); otherwise the last one counts. */
  readonly multiple?: boolean;
  readonly help: Text;
}

/** How many positional arguments a command takes, and what they are. */
export interface Positionals {
  readonly min: number;
  readonly max: number;
  readonly name: Text;
}

/** What a command's code reads: its positional arguments and its options' values. */
export interface CommandArgs {
  readonly positionals: readonly string[];
  /** The option's value (the last one when given more than once); undefined when not given. */
  option(name: string): string | undefined;
  /** Every value of an option declared `multiple`. */
  list(name: string): readonly string[];
  /** Whether a flag (an option without a value, e.g. fmt --check) was given. */
  flag(name: string): boolean;
}

export interface Command {
  readonly name: string;
  /** One line for `ladder --help`. */
  readonly summary: Text;
  /** What the command does, for `ladder <command> --help`. */
  readonly description: Text;
  readonly positionals: Positionals;
  readonly options: readonly OptionSpec[];
  run(args: CommandArgs, lang: Lang, io: Io): Promise<number> | number;
}

/** Options every command takes. */
export const COMMON_OPTIONS: readonly OptionSpec[] = [
  { name: 'lang', value: { zh: 'zh|en', en: 'zh|en' }, values: ['zh', 'en'], help: { zh: '提示与报告的语言（默认随系统语言）', en: 'language of messages and reports (default from the locale)' } },
  { name: 'help', help: { zh: '显示本帮助', en: 'show this help' } },
];

/** Every option of a command, its own and the common ones. */
export function optionsOf(command: Command): readonly OptionSpec[] {
  return [...command.options, ...COMMON_OPTIONS];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A usage mistake in one line, prefixed with the command: `ladder run: …` / `ladder run：…`. */
export function usageError(command: string | undefined, lang: Lang, text: Text): string {
  const prefix = command ? `ladder ${command}` : 'ladder';
  return lang === 'zh' ? `${prefix}：${text.zh}` : `${prefix}: ${text.en}`;
}

/** The allowed values of an option as a list: `text, html or json` / `text、html、json`. */
function allowed(values: readonly string[], lang: Lang): string {
  if (lang === 'zh') return values.join('、');
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/** The known option closest to an unknown one: by edit distance, or for a short `-o` the one long option it starts. */
function closestOption(raw: string, known: readonly OptionSpec[]): string | undefined {
  if (/^-[^-]$/.test(raw)) {
    const starting = known.filter((o) => o.name.startsWith(raw[1]!));
    return starting.length === 1 ? `--${starting[0]!.name}` : undefined;
  }
  const best = suggestName(raw.replace(/^-+/, ''), known.map((o) => o.name));
  return best === undefined ? undefined : `--${best}`;
}

/** `--name <value>` as the help and the messages write it. */
export function optionSyntax(o: OptionSpec, lang: Lang): string {
  if (!o.value) return `--${o.name}`;
  return `--${o.name} ${o.values ? o.values.join('|') : o.value[lang]}`;
}

/** The command's arguments read by its declaration: its arguments, `help` when --help was asked (whatever else is
 * wrong), or the usage mistake said in one line. */
export function readCommandArgs(command: Command, argv: readonly string[], lang: Lang): CommandArgs | 'help' | { readonly problem: string } {
  const known = optionsOf(command);
  const byName = new Map(known.map((o) => [o.name, o]));
  const say = (text: Text) => ({ problem: usageError(command.name, lang, text) });
  // Lenient first, to find what strict parsing would refuse and say it precisely (parseArgs's own messages are English
  // and name no alternative).
  const { tokens } = parseArgs({
    args: [...argv], strict: false, allowPositionals: true, tokens: true,
    options: Object.fromEntries(known.map((o) => [o.name, { type: o.value ? 'string' : 'boolean', ...(o.name === 'help' ? { short: 'h' } : {}) }] as const)),
  });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return 'help';
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = byName.get(t.name);
    if (!spec) {
      const near = closestOption(t.rawName, known);
      return say(near
        ? { zh: `未知选项“${t.rawName}”，是否想写“${near}”？（ladder ${command.name} --help 列出全部选项）`, en: `unknown option '${t.rawName}'; did you mean '${near}'? (ladder ${command.name} --help lists the options)` }
        : { zh: `未知选项“${t.rawName}”（ladder ${command.name} --help 列出全部选项）`, en: `unknown option '${t.rawName}' (ladder ${command.name} --help lists the options)` });
    }
    if (!spec.value && t.value !== undefined) {
      return say({ zh: `选项 --${spec.name} 不带取值（写作 --${spec.name}）`, en: `option --${spec.name} takes no value (write --${spec.name})` });
    }
    // `--out --format csv`: the lenient parse took the next option for the value; strict parsing refuses it too.
    if (spec.value && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-')))) {
      return say({
        zh: `选项 --${spec.name} 缺少取值（写作 ${optionSyntax(spec, 'zh')}；以“-”开头的值写作 --${spec.name}=值）`,
        en: `option --${spec.name} needs a value (${optionSyntax(spec, 'en')}; a value starting with '-' is written --${spec.name}=VALUE)`,
      });
    }
  }
  const { values, positionals } = parseArgs({
    args: [...argv], strict: true, allowPositionals: true,
    options: Object.fromEntries(known.map((o) => [o.name, { type: o.value ? 'string' : 'boolean', ...(o.multiple ? { multiple: true } : {}), ...(o.name === 'help' ? { short: 'h' } : {}) }] as const)),
  });
  const { min, max, name } = command.positionals;
  if (positionals.length < min || positionals.length > max) {
    const list = positionals.join(' ');
    return say(max === 0
      ? { zh: `不接受文件参数（多出：${list}）；选项写作 --名称 值`, en: `takes no file arguments (got: ${list}); options are written --name value` }
      : positionals.length < min
        ? { zh: `缺少${name.zh}`, en: `missing ${name.en}` }
        : { zh: `只接受 ${max} 个${name.zh}，给了 ${positionals.length} 个：${list}`, en: `takes ${max === 1 ? 'one' : max} ${name.en}, got ${positionals.length}: ${list}` });
  }
  const read = (k: string): string[] => {
    const v = values[k];
    return typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  };
  for (const spec of command.options) {
    const given = read(spec.name);
    if (spec.required && !given.length) return say({ zh: `缺少 ${optionSyntax(spec, 'zh')}`, en: `${optionSyntax(spec, 'en')} is required` });
    for (const v of given) {
      if (spec.values && !spec.values.includes(v)) {
        return say({ zh: `--${spec.name} 不能是“${v}”，可用的值：${allowed(spec.values, 'zh')}`, en: `--${spec.name} cannot be '${v}'; use ${allowed(spec.values, 'en')}` });
      }
      if (spec.month && !MONTH.test(v)) {
        return say({ zh: `--${spec.name} “${v}”不是月份：月份写作 YYYY-MM，如 2026-03`, en: `--${spec.name} '${v}' is not a month: write YYYY-MM, e.g. 2026-03` });
      }
    }
  }
  return {
    positionals,
    option: (k) => read(k).at(-1),
    list: (k) => read(k),
    flag: (k) => values[k] === true,
  };
}

/** Columns a text takes in a terminal: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\u303e\u3041-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

/** `ladder <command> --help`: the synopsis, what it does, and each option. */
export function commandHelp(command: Command, lang: Lang): string {
  const zh = lang === 'zh';
  const opts = optionsOf(command);
  const arg = command.positionals.max === 0 ? '' : ` <${command.positionals.name[lang]}${command.positionals.max > 1 ? '…' : ''}>`;
  const synopsis = `ladder ${command.name}${arg} ` + command.options.map((o) => (o.required ? optionSyntax(o, lang) : `[${optionSyntax(o, lang)}]`)).join(' ');
  const left = opts.map((o) => (o.name === 'help' ? '-h, --help' : optionSyntax(o, lang)));
  const width = Math.max(...left.map(displayWidth)) + 2;
  const lines = opts.map((o, i) => `  ${left[i]! + ' '.repeat(width - displayWidth(left[i]!))}${o.help[lang]}${o.required ? (zh ? '（必填）' : ' (required)') : ''}`);
  return [
    `${zh ? '用法：' : 'usage: '}${synopsis.trimEnd()}`,
    '',
    ...command.description[lang].split('\n').map((l) => `  ${l}`),
    '',
    zh ? '选项：' : 'options:',
    ...lines,
  ].join('\n');
}
