// The catalogue of data problems (D-codes) in Chinese and English, and the one renderer that prints them:
//   file[:sheet]:row:column D003 message (value «…», expected …)

export type DataCode =
  | 'D001' | 'D002' | 'D003' | 'D004' | 'D005' | 'D006' | 'D007' | 'D008' | 'D009' | 'D010'
  | 'D011' | 'D012' | 'D013' | 'D014' | 'D015' | 'D016' | 'D017' | 'D018' | 'D019' | 'D020' | 'D021' | 'D022' | 'D023' | 'D024';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export const DATA_MESSAGES: Readonly<Record<DataCode, Bilingual>> = {
  D001: { zh: '缺少方案需要的列', en: 'a column the policy reads is missing' },
  D002: { zh: '必填项为空', en: 'a required value is blank' },
  D003: { zh: '值的类型不对', en: 'the value is not of the expected type' },
  D004: { zh: '月份无法识别', en: 'the month cannot be read' },
  D005: { zh: '百分比超出 0%–100%', en: 'the percent is outside 0%–100%' },
  D006: { zh: '次数不能为负', en: 'a count cannot be negative' },
  D007: { zh: '不是允许的取值', en: 'the value is not one of the allowed values' },
  D008: { zh: '工号重复', en: 'the employee id appears twice' },
  D009: { zh: '员工表中没有这个工号', en: 'no employee has this id' },
  D010: { zh: '同一员工同一月份有多行', en: 'the same person and month appear twice' },
  D011: { zh: '月份早于入职日期', en: 'the month is before the hire date' },
  D012: { zh: '月份晚于离职日期', en: 'the month is after the leave date' },
  D013: { zh: '事件日期不在月度数据的任何月份内', en: 'the event is dated outside every month of the monthly data' },
  D014: { zh: '方案没有声明这个事件类别', en: 'the policy does not declare this event kind' },
  D015: { zh: '金额/分值超出该条目的范围', en: 'the amount is outside the range of its item' },
  D016: { zh: '该条目须填写金额/分值', en: 'this item needs an amount' },
  D017: { zh: '该条目须填写说明', en: 'this item needs a note' },
  D018: { zh: '引号没有闭合', en: 'a quote is never closed' },
  D019: { zh: '缺少数据表', en: 'a data table is missing' },
  D020: { zh: '无法读取数据文件', en: 'the data file cannot be read' },
  D021: { zh: '同一列出现两次', en: 'the same column appears twice' },
  D022: { zh: '记录不是对象', en: 'the record is not an object' },
  D023: { zh: '同一对象中的键出现两次', en: 'the same key appears twice in one object' },
  D024: { zh: 'JSON 嵌套过深', en: 'the JSON is nested too deeply' },
};

export interface DataProblem {
  readonly code: DataCode;
  readonly file: string;
  readonly sheet?: string;
  readonly row: number;
  /** The header as written in the file (or the standard name when the column is missing). */
  readonly column: string;
  readonly value: string;
  readonly expected: Bilingual;
  readonly suggestion?: string;
}

export type Lang = 'zh' | 'en';

/** The most characters of a cell, header or file name a message shows: a 10 MB cell is never echoed whole. */
export const DISPLAY_LIMIT = 60;

/** Text cut to DISPLAY_LIMIT characters (by code point, so a Chinese character is never split), with … when cut. */
export function clip(text: string, limit = DISPLAY_LIMIT): string {
  if (text.length <= limit) return text;
  const chars = Array.from(text.slice(0, limit * 2));
  return chars.length <= limit ? text : `${chars.slice(0, limit).join('')}…`;
}

/** One problem on one line, in the user's language. */
export function renderDataProblem(p: DataProblem, lang: Lang = 'zh'): string {
  const where = `${clip(p.file, 200)}${p.sheet === undefined ? '' : `:${clip(p.sheet)}`}:${p.row}:${clip(p.column)}`;
  const message = DATA_MESSAGES[p.code][lang];
  const detail = lang === 'zh'
    ? `（值 «${clip(p.value)}»，应为 ${p.expected.zh}）`
    : ` (value «${clip(p.value)}», expected ${p.expected.en})`;
  const suggestion = p.suggestion === undefined ? '' : lang === 'zh' ? `，是否应为 ${clip(p.suggestion)}？` : `; did you mean ${clip(p.suggestion)}?`;
  return `${where} ${p.code} ${message}${detail}${suggestion}`;
}

/** Something the reader did to the data that changes what is computed, said rather than done silently: merged cells
 * filled, a total row skipped, a title row above the header. Not a problem: the run goes on. */
export interface DataNotice {
  readonly file: string;
  readonly sheet?: string;
  readonly message: Bilingual;
}

export function renderDataNotice(n: DataNotice, lang: Lang = 'zh'): string {
  const where = `${clip(n.file, 200)}${n.sheet === undefined ? '' : `:${clip(n.sheet)}`}`;
  return lang === 'zh' ? `注意：${where}：${n.message.zh}` : `note: ${where}: ${n.message.en}`;
}

/** Problems of one kind in one column shown one per line up to this many; more are one summary line. */
export const PROBLEMS_PER_KIND = 3;
/** At most this many lines in all: a file with every cell wrong still fits a terminal. */
export const PROBLEM_LINES = 40;

/**
 * Problems as lines a person reads: one line each while a column has few of a kind; a column with more of one kind
 * (113 months written 202601) is one line with the count and the first rows; at most PROBLEM_LINES lines, the rest
 * counted. Never one line per bad cell, uncapped.
 */
export function renderDataProblems(problems: readonly DataProblem[], lang: Lang = 'zh'): string[] {
  const groups = new Map<string, DataProblem[]>();
  for (const p of problems) {
    const key = `${p.file}\u0001${p.sheet ?? ''}\u0001${p.column}\u0001${p.code}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(p);
  }
  const lines: string[] = [];
  let shown = 0;
  for (const g of groups.values()) {
    if (lines.length >= PROBLEM_LINES) break;
    if (g.length <= PROBLEMS_PER_KIND) {
      for (const p of g) { if (lines.length < PROBLEM_LINES) { lines.push(renderDataProblem(p, lang)); shown++; } }
      continue;
    }
    lines.push(renderProblemGroup(g, lang));
    shown += g.length;
  }
  const rest = problems.length - shown;
  if (rest > 0) lines.push(lang === 'zh' ? `……另有 ${rest} 处问题未列出` : `… and ${rest} more problem(s) not listed`);
  return lines;
}

/** Many problems of one kind in one column: the count, the first rows with their values, what was expected. */
function renderProblemGroup(g: readonly DataProblem[], lang: Lang): string {
  const p = g[0]!;
  const where = `${clip(p.file, 200)}${p.sheet === undefined ? '' : `:${clip(p.sheet)}`} ${clip(p.column)}`;
  const examples = g.slice(0, PROBLEMS_PER_KIND);
  const message = DATA_MESSAGES[p.code][lang];
  const suggestion = p.suggestion === undefined || !g.every((x) => x.suggestion === p.suggestion) ? '' : lang === 'zh' ? `；请写作 ${clip(p.suggestion)}` : `; write ${clip(p.suggestion)}`;
  // An expectation that names a row of its own (a unique id, already on row 2) is the first one's only: left out.
  const same = g.every((x) => x.expected.en === p.expected.en);
  if (lang === 'zh') {
    const list = examples.map((x) => `第 ${x.row} 行 «${clip(x.value, 30)}»`).join('、');
    return `${where} ${p.code} ${message}：共 ${g.length} 行，如 ${list}${same ? `（应为 ${p.expected.zh}）` : ''}${suggestion}`;
  }
  const list = examples.map((x) => `row ${x.row} «${clip(x.value, 30)}»`).join(', ');
  return `${where} ${p.code} ${message}: ${g.length} rows, e.g. ${list}${same ? ` (expected ${p.expected.en})` : ''}${suggestion}`;
}
