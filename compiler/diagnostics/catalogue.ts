// The message catalogue: every diagnostic Ladder reports, with its code, severity and text in Chinese and English.
// Tests compare against codes, never against copied strings; all wording lives here.

export type Severity = 'error' | 'warning';
export type Args = Readonly<Record<string, string | number>>;

interface Entry {
  readonly severity: Severity;
  readonly zh: (a: Args) => string;
  readonly en: (a: Args) => string;
}

const entry = (severity: Severity, zh: (a: Args) => string, en: (a: Args) => string): Entry => ({ severity, zh, en });

export const catalogue = {
  // Reading the file
  L001: entry('error', () => '策略文件为空', () => 'the policy file is empty'),
  L002: entry('error', (a) => `文件过大（${a.size} 字节，上限 ${a.limit} 字节）`, (a) => `the file is too large (${a.size} bytes, the limit is ${a.limit})`),
  L003: entry('error', () => '文件不是有效的 UTF-8 编码', () => 'the file is not valid UTF-8'),
  L004: entry('error', (a) => `YAML 语法错误：${a.zh ?? a.detail}`, (a) => `YAML syntax error: ${a.en ?? a.detail}`),
  L005: entry('error', (a) => `YAML 结构超出限制：${a.detail}`, (a) => `the YAML structure exceeds a limit: ${a.detail}`),
  L006: entry('error', (a) => `重复的键“${a.key}”`, (a) => `duplicate key '${a.key}'`),
  L007: entry('error', () => '策略文件的顶层必须是键值映射（policy:, inputs:, pay: …）', () => 'the top level of a policy must be a mapping (policy:, inputs:, pay: …)'),

  // Structure (JSON Schema)
  L010: entry('error', (a) => `缺少必填项“${a.field}”`, (a) => `missing required field '${a.field}'`),
  L011: entry('error', (a) => `未知的字段“${a.field}”`, (a) => `unknown field '${a.field}'`),
  L012: entry('error', (a) => `类型错误：此处应为${a.expectedZh}`, (a) => `wrong kind of value: expected ${a.expected}`),
  L013: entry('error', (a) => `不允许的值“${a.value}”，可选：${a.allowed}`, (a) => `value '${a.value}' is not allowed; expected one of: ${a.allowed}`),
  L014: entry('error', (a) => `“${a.field}”留空，必须填写${a.whatZh ? '：' + a.whatZh : ''}`, (a) => `'${a.field}' is left blank and must be filled in${a.what ? ': ' + a.what : ''}`),
  L016: entry('warning', (a) => `全角数字“${a.text}”按 ${a.value} 读取`, (a) => `full-width digits '${a.text}' are read as ${a.value}`),
  L017: entry('error', (a) => `名称“${a.name}”中含有占位符“${a.placeholder}”，须填写实际内容`, (a) => `the name '${a.name}' contains the placeholder '${a.placeholder}', which must be filled in`),
  L015: entry('error', (a) => `格式错误：“${a.value}”应为${a.expectedZh}`, (a) => `malformed value '${a.value}': expected ${a.expected}`),

  // Expressions
  L020: entry('error', (a) => `表达式语法错误：${a.detailZh}`, (a) => `expression syntax error: ${a.detail}`),
  L021: entry('error', (a) => `无法识别的字符“${a.char}”`, (a) => `unexpected character '${a.char}'`),
  L022: entry('error', (a) => `表达式嵌套过深（超过 ${a.limit} 层）`, (a) => `the expression is nested too deeply (more than ${a.limit} levels)`),
  L023: entry('error', () => '表达式为空', () => 'the expression is empty'),

  // Names
  L030: entry('error', (a) => `未知的名称“${a.name}”`, (a) => `unknown name '${a.name}'`),
  L031: entry('error', (a) => `名称“${a.name}”重复定义`, (a) => `the name '${a.name}' is defined more than once`),
  L032: entry('error', (a) => `未知的职级“${a.name}”`, (a) => `unknown tier '${a.name}'`),
  L033: entry('error', (a) => `未知的函数“${a.name}”`, (a) => `unknown function '${a.name}'`),
  L034: entry('error', (a) => `函数 ${a.name} 需要 ${a.expected} 个参数，实际 ${a.actual} 个`, (a) => `${a.name} takes ${a.expected} argument(s), got ${a.actual}`),
  L035: entry('error', (a) => `未知的事件类别“${a.name}”（须在 events: 或扣分/加分表中声明）`, (a) => `unknown event kind '${a.name}' (declare it under events: or in a deduction/bonus table)`),
  L036: entry('error', (a) => `未知的星级 ${a.star}（星级范围 ${a.min}–${a.max}）`, (a) => `star ${a.star} is outside the star levels ${a.min}–${a.max}`),
  L037: entry('error', (a) => `星级 ${a.value} 超出允许范围：星级须为 ${a.min} 到 ${a.max} 之间的整数，且最低星级不高于最高星级`, (a) => `star level ${a.value} is out of bounds: star levels are whole numbers from ${a.min} to ${a.max}, the lowest not above the highest`),
  L039: entry('error', (a) => `“${a.name}”是内置名称（${a.builtin}：${a.zh}），另起一个名字（如“${a.name}档”），否则公式里的 ${a.name} 会被它遮住`, (a) => `'${a.name}' is a built-in name (${a.builtin}: ${a.en}); give this another name (e.g. '${a.name}档'), or every formula's ${a.name} would mean it instead`),

  // Types and units
  L040: entry('error', (a) => `单位不匹配：不能将${a.leftZh}与${a.rightZh}${a.opZh}`, (a) => `unit mismatch: cannot ${a.op} ${a.left} and ${a.right}`),
  L041: entry('error', (a) => `条件必须是真/假，这里是${a.actualZh}`, (a) => `a condition must be true/false, this is ${a.actual}`),
  L042: entry('error', (a) => `类型错误：应为${a.expectedZh}，实际为${a.actualZh}`, (a) => `type error: expected ${a.expected}, found ${a.actual}`),
  L043: entry('error', (a) => `百分比与数字比较含义不清：写成 ${a.fix}`, (a) => `comparing a percent with a plain number is ambiguous: write ${a.fix}`),
  L044: entry('error', (a) => `“${a.name}”不是表，不能按 [ ] 查找`, (a) => `'${a.name}' is not a table and cannot be indexed with [ ]`),
  L045: entry('error', (a) => `表“${a.table}”按${a.byZh}查找，这里给的是${a.actualZh}`, (a) => `table '${a.table}' is looked up by ${a.by}, not by ${a.actual}`),
  L046: entry('error', (a) => `“${a.value}”不是“${a.of}”的取值，可选：${a.allowed}`, (a) => `'${a.value}' is not a value of '${a.of}'; expected one of: ${a.allowed}`),
  L047: entry('error', (a) => `按数值查找的表“${a.table}”的键“${a.key}”不是 0 到 ${a.max} 之间的整数`, (a) => `table '${a.table}' is looked up by number, and its key '${a.key}' is not a whole number from 0 to ${a.max}`),
  L048: entry('error', (a) => `按数值查找的表“${a.table}”在 ${a.lo} 到 ${a.hi} 之间缺少这些行：${a.keys}；补上这些行，或写 otherwise: 给出没有对应行时的取值`, (a) => `table '${a.table}' is looked up by number and has no row for ${a.keys} between ${a.lo} and ${a.hi}: add the rows, or give otherwise: for a key without a row`),
  L049: entry('error', (a) => `表“${a.table}”的 ${a.field} 只用于按数值查找的表（by: number）；按职级、星级或枚举查找的表每个取值都须有一行`, (a) => `${a.field} of table '${a.table}' is only for a table by number (by: number); a table by tier, star or enum has a row for every key`),
  // A number beyond its unit's range or precision (compiler/expr/literals.ts).
  L024: entry('error', (a) => `${a.text} 不是日历上的日期（写 YYYY-MM-DD，如 2026-07-01）`, (a) => `${a.text} is not a calendar date (write YYYY-MM-DD, e.g. 2026-07-01)`),
  L038: entry('error', (a) => `数值 ${a.text} 超出${a.whatZh}的允许范围：绝对值至多 ${a.max}，小数至多 ${a.places} 位`, (a) => `the number ${a.text} is outside what ${a.what} allows: at most ${a.max} in size, with at most ${a.places} decimal place(s)`),

  // Score sheets
  L050: entry('error', (a) => `${a.whatZh}权重合计 ${a.sum}，应为 100%`, (a) => `${a.what} weights add up to ${a.sum}, not 100%`),
  L051: entry('error', (a) => `部分“${a.section}”权重 ${a.weight}，但其各项满分合计 ${a.points} 分`, (a) => `section '${a.section}' is weighted ${a.weight} but its items add up to ${a.points} points`),
  L052: entry('error', (a) => `评分标准的分值 ${a.value} 超过该项满分 ${a.max}`, (a) => `rubric value ${a.value} exceeds the item's maximum of ${a.max}`),
  L053: entry('error', (a) => `“${a.name}”不是此评分表的部分（有：${a.known}）`, (a) => `'${a.name}' is not a section of this score sheet (sections: ${a.known})`),

  // Bands and thresholds
  L060: entry('error', (a) => `区间重叠：${a.a} 与 ${a.b}`, (a) => `bands overlap: ${a.a} and ${a.b}`),
  L061: entry('error', (a) => `区间之间有空缺：${a.gap} 不属于任何一档`, (a) => `gap between bands: ${a.gap} falls in no band`),
  L062: entry('error', (a) => `区间“${a.text}”未说明端点是否包含${a.fix ? `，例如写成 ${a.fix}` : ''}`, (a) => `the band '${a.text}' does not say whether its edges are included${a.fix ? `; write e.g. ${a.fix}` : ''}`),
  L063: entry('error', (a) => `门槛顺序错误：${a.higher} 的“${a.key}”门槛（${a.hv}）低于 ${a.lower}（${a.lv}）`, (a) => `thresholds out of order: '${a.key}' for ${a.higher} (${a.hv}) is below ${a.lower} (${a.lv})`),
  L064: entry('error', (a) => `区间 ${a.text} 为空：下限大于上限`, (a) => `the band ${a.text} is empty: its lower edge is above its upper edge`),

  L067: entry('warning', (a) => `“${a.value}”既是“${a.of}”的取值，又是一个${a.otherZh}：与 ${a.of} 比较时指前者，其他地方指${a.otherZh}；换一个名字（如“${a.value}级”）以免混淆`, (a) => `'${a.value}' is a value of '${a.of}' and also ${a.other}: compared with ${a.of} it is that value, anywhere else ${a.other}; another name (e.g. '${a.value}级') tells them apart`),
  L065: entry('error', (a) => `区间“${a.text}”两端单位不一致（${a.a} 与 ${a.b}）`, (a) => `the band '${a.text}' mixes units at its two ends (${a.a} and ${a.b})`),

  // Ladders, promotions
  L070: entry('error', (a) => `职级阶梯中出现循环：${a.cycle}`, (a) => `the ladder has a cycle: ${a.cycle}`),
  L071: entry('warning', (a) => `职级“${a.tier}”无法到达：既不是入职职级，也没有晋升或定级规则通向它`, (a) => `tier '${a.tier}' is unreachable: it is not an entry tier and no promotion or placement leads to it`),
  L072: entry('error', (a) => `从“${a.from}”到“${a.to}”跨越了 ${a.steps} 级；越级只能通过人工决定（manual: true）`, (a) => `'${a.from}' → '${a.to}' skips ${a.steps} level(s); a skip is only allowed as a manual decision (manual: true)`),
  L073: entry('error', (a) => `“${a.from}”与“${a.to}”不在同一序列上，也没有声明为等级对应`, (a) => `'${a.from}' and '${a.to}' are on no common track and are not declared equivalent`),
  L075: entry('warning', (a) => `从“${a.from}”晋升却按在“${a.tier}”的任职时间计算；通常应为紧邻的下一级“${a.from}”`, (a) => `the move from '${a.from}' counts time in '${a.tier}', not in '${a.from}', the tier just below`),
  L074: entry('error', (a) => `${a.kindZh}方向错误：“${a.to}”不高于/低于“${a.from}”`, (a) => `${a.kind} goes the wrong way: '${a.to}' is not ${a.dir} '${a.from}'`),

  // Formulas and rules
  L080: entry('error', (a) => `公式之间存在循环依赖：${a.cycle}`, (a) => `formulas depend on each other in a cycle: ${a.cycle}`),
  L081: entry('warning', (a) => `此规则永远不会生效：${a.reasonZh}`, (a) => `this rule can never fire: ${a.reason}`),
  L082: entry('error', () => '名额限制没有排序依据（rank_by），无法决定谁获得名额', () => 'a quota without a ranking key (rank_by) cannot decide who gets the places'),
  L083: entry('error', (a) => `名额比例 ${a.value} 不在 0–100% 之间`, (a) => `quota share ${a.value} is not between 0 and 100%`),
  L084: entry('error', (a) => `计薪项“${a.line}”应得出金额，实际为${a.actualZh}`, (a) => `pay line '${a.line}' must come out as money, it is ${a.actual}`),
  L085: entry('error', (a) => `范围 ${a.text} 的下限大于上限`, (a) => `the range ${a.text} has its lower end above its upper end`),
  L086: entry('error', (a) => `表“${a.table}”缺少这些行：${a.key}`, (a) => `table '${a.table}' has no row for: ${a.key}`),
  L088: entry('error', (a) => `“${a.name}”的调整月份“${a.month}”不是年月（应写 YYYY-MM，如 2026-07）`, (a) => `'${a.name}' changes in '${a.month}', which is not a month (expected YYYY-MM, e.g. 2026-07)`),
  L089: entry('warning', (a) => `“${a.name}”在 ${a.month} 调整，不在生效期 ${a.from} 至 ${a.to} 之内`, (a) => `'${a.name}' changes in ${a.month}, outside the effective period ${a.from} to ${a.to}`),
  L087: entry('warning', (a) => `职级越高“${a.table}”反而越低：${a.higher} ${a.hv} < ${a.lower} ${a.lv}`, (a) => `'${a.table}' falls as the tier rises: ${a.higher} ${a.hv} < ${a.lower} ${a.lv}`),

  L094: entry('error', (a) => `“${a.name}”按月份调整（changes），公式和每个调整值都须是一个数（如 60分）`, (a) => `'${a.name}' changes by month (changes): its formula and each change must be a plain amount (e.g. 60分)`),
  L096: entry('warning', (a) => `评奖“${a.award}”永远不会发出：${({ month: '每月', quarter: '每季度', year: '每年' } as Record<string, string>)[String(a.period)] ?? a.period}评奖在 ${a.months} 月，而 among 只在 ${a.open} 月成立`, (a) => `award '${a.award}' is never given: a ${a.period} award is given in months ${a.months}, but its among holds only in months ${a.open}`),
  L097: entry('error', (a) => `outputs 的 ${a.column} 列须是每月算出的值（中间值、分档、评分表、计薪项），“${a.name}”不是；可先写一个中间值，如 values: { ${a.name}值: ${a.name} }`, (a) => `the ${a.column} column of outputs must be a value the run computes each month (a value, band, score sheet or pay line), and '${a.name}' is not; write a value first, e.g. values: { ${a.name}值: ${a.name} }`),
  L095: entry('error', (a) => `“${a.name}”的调整值 ${a.amount} 与原值 ${a.was} 单位不同`, (a) => `'${a.name}' changes to ${a.amount}, in another unit than ${a.was}`),

  // Values that can be missing where pay reads them
  L120: entry('warning', (a) => `除数 ${a.divisor} 可能为 0，此时算不出：写 if ${a.divisor} > 0 then … else ${a.zero}`, (a) => `the divisor ${a.divisor} can be 0, and then nothing can be computed: write if ${a.divisor} > 0 then … else ${a.zero}`),
  L121: entry('warning', (a) => `星级没有 initial：首次评定之前，数据未给出星级的人没有星级，读取 star 的工资算不出；写 initial: ${a.min}（或其他起始星级）`, (a) => `stars have no initial: until the first rating, whoever the data gives no star has none, and pay that reads star cannot be computed; write initial: ${a.min} (or another starting star)`),

  // Metadata
  L090: entry('error', (a) => `生效期起始月 ${a.from} 晚于结束月 ${a.to}`, (a) => `the effective period starts (${a.from}) after it ends (${a.to})`),
  L091: entry('warning', (a) => `输入“${a.name}”已声明但从未使用`, (a) => `input '${a.name}' is declared but never used`),
  L092: entry('error', (a) => `测试“${a.test}”引用了未知的${a.whatZh}“${a.name}”`, (a) => `test '${a.test}' refers to an unknown ${a.what} '${a.name}'`),
  L093: entry('error', (a) => `引用了文件中不存在的表或条款“${a.name}”`, (a) => `refers to a table or clause '${a.name}' that the policy does not contain`),

  // A bug in Ladder, not in the policy: reported instead of crashing, with what went wrong.
  L098: entry('error', (a) => `金额 ${a.text} 的币种与本方案不同（currency: ${a.currency}）：一个方案只用一种币种，写成 ${a.fix}`, (a) => `the amount ${a.text} is in another currency than the policy's (currency: ${a.currency}): a policy pays in one currency; write ${a.fix}`),
  L099: entry('error', (a) => `Ladder 内部错误（请报告此问题）：${a.detail}`, (a) => `internal error in Ladder (please report it): ${a.detail}`),
} as const satisfies Record<string, Entry>;

export type DiagnosticCode = keyof typeof catalogue;

export function severityOf(code: DiagnosticCode): Severity {
  return catalogue[code].severity;
}

export type Lang = 'zh' | 'en';

export function messageOf(code: DiagnosticCode, args: Args, lang: Lang): string {
  return catalogue[code][lang](args);
}
