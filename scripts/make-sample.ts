// Generates the bundled sample population examples/sample: about 200 customer-service staff over 2026-01 … 2026-12,
// as three CSV files (employees, monthly, events) and the same tables as one workbook sample.xlsx.
//
//   npx tsx scripts/make-sample.ts
//
// Deterministic: one seeded PRNG (mulberry32), no Math.random, no clock. Every bundled policy (policies/*.yaml and
// policies/extras/*.yaml, not the templates) must load this data without a data problem, so:
//   - the monthly table carries the union of every policy's columns (standard names, the policies' own input names,
//     every score-sheet item column with ratings from its rubric);
//   - `tier`, `tier_since` and `star` are left blank: the policies' ladders share no tier name (初级 / 初级客服 /
//     初级客服专员 …) and an unknown tier is a data error (D007), so each policy places people by its own rules;
//   - satisfaction appears twice under different aliases: `客户满意度` (the person's; scheme B reads it as
//     satisfaction, C16 as its own input 客户满意度) and `本组当月服务满意度` (the team's mean; the scheme C team-lead
//     policy reads it as satisfaction). One `satisfaction` column would be read by B and C16 as two columns (D021);
//   - the events table holds only the data model's standard kinds (praise.customer, exam.passed, promote.manual …):
//     a policy rejects a kind it does not declare (D014), and no violation kind is declared by every policy.
//     Each policy's own violations (with amounts inside their ranges and notes where required) are written to
//     examples/sample/violations/<policy>.csv, to be appended to events.csv for that policy (see test/sample.test.ts).

import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeXlsxWorkbook, type XlsxCell } from '../cli/data-files.ts';
import { compile } from '../compiler/compile.ts';
import { dataRequirements } from '../runtime/data/requirements.ts';

const OUT = 'examples/sample';
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

// ── PRNG ────────────────────────────────────────────────────────────────────────────────────────────────────

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(20260101);
const uniform = (a: number, b: number) => a + (b - a) * rnd();
const int = (a: number, b: number) => Math.floor(uniform(a, b + 1));
const chance = (p: number) => rnd() < p;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
function normal(): number {
  const u = Math.max(rnd(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}
function poisson(lambda: number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do { k++; p *= rnd(); } while (p > l);
  return k - 1;
}
const clamp = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x));
const fix = (x: number, d: number) => String(Number(x.toFixed(d)));
const pct = (x: number, d = 1) => `${fix(clamp(x, 0, 1) * 100, d)}%`;
const money = (x: number) => x.toFixed(2);

// ── Dates ───────────────────────────────────────────────────────────────────────────────────────────────────

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** Adds months to a date, keeping the day (clamped to 28). */
function addMonths(date: string, k: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = y * 12 + (m - 1) + k;
  return iso(Math.floor(t / 12), (t % 12) + 1, Math.min(d, 28));
}

// ── What the policies read ──────────────────────────────────────────────────────────────────────────────────

function policyFiles(): string[] {
  const list = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.includes('.template.')).map((f) => join(dir, f));
  return [...list('policies'), ...list('policies/extras')].sort();
}

interface ItemColumn { readonly name: string; readonly rubric: readonly number[] }

/** Score-sheet item columns of every policy with the ratings its rubric allows (0–100 when there is none). */
function itemColumns(): ItemColumn[] {
  const out = new Map<string, ItemColumn>();
  for (const file of policyFiles()) {
    const r = compile({ name: file, text: readFileSync(file, 'utf8') });
    if (!r.checked) throw new Error(`${file} does not compile`);
    const rubricOf = new Map<string, readonly number[]>();
    for (const sheet of r.checked.policy.scoreSheets) for (const sec of sheet.sections) {
      for (const item of sec.items) {
        const rubric = item.rubric?.values ?? sec.rubric?.values;
        if (rubric?.length) rubricOf.set(`${sec.name}.${item.name}`.normalize('NFKC'), rubric);
      }
    }
    for (const c of dataRequirements(r).items) {
      const item = c.name.split('@')[0]!.normalize('NFKC');
      out.set(c.name, { name: c.name, rubric: rubricOf.get(item) ?? [] });
    }
  }
  return [...out.values()];
}

// ── People ──────────────────────────────────────────────────────────────────────────────────────────────────

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉宇浩凯婷雪琳晶欣悦怡佳倩颖'];
const TEAMS = ['一组', '二组', '三组', '四组', '五组', '六组', '七组', '八组'];
const EDU: readonly [string, number][] = [['初中', 0.03], ['高中', 0.12], ['中专', 0.15], ['大专', 0.38], ['本科', 0.28], ['硕士', 0.04]];

function education(): string {
  let x = rnd();
  for (const [e, p] of EDU) { if ((x -= p) < 0) return e; }
  return '大专';
}

interface Person {
  id: string; name: string; team: string; role: '客服代表' | '客服领班';
  hire: string; regular: string; csStart: string; edu: string; birth: string; track: string;
  postWage: number; leave: string; relatedExperience: number; intern: boolean;
  ability: number; baseWage: number; /** months present, in order */ months: string[];
}

const people: Person[] = [];
let serial = 0;
const usedNames = new Set<string>();
function newName(): string {
  for (;;) {
    const n = pick(SURNAMES) + pick(GIVEN) + (chance(0.6) ? pick(GIVEN) : '');
    if (!usedNames.has(n)) { usedNames.add(n); return n; }
  }
}

function makePerson(team: string, role: Person['role'], hire: string): Person {
  const id = `K${String(++serial).padStart(4, '0')}`;
  const hireYear = Number(hire.slice(0, 4));
  // Probation: three months (a few two or six); a hire whose probation runs past the data has none yet.
  const probation = pick([3, 3, 3, 2, 6]);
  const regularDate = addMonths(hire, probation);
  const regular = regularDate <= '2026-12-31' ? regularDate : '';
  // Some came with customer-service experience from elsewhere (岗龄 longer than tenure).
  const csStart = chance(0.3) ? addMonths(hire, -int(6, 60)) : hire;
  const age = role === '客服领班' ? int(27, 45) : int(19, 40);
  const birth = iso(Math.max(hireYear, 2026) - age, int(1, 12), int(1, 28));
  return {
    id, name: newName(), team, role, hire, regular, csStart, edu: education(), birth,
    track: role === '客服领班' ? '管理' : '技能',
    postWage: role === '客服领班' ? 2600 : pick([1800, 2000, 2000, 2200]),
    leave: '', relatedExperience: csStart < hire ? Math.min(120, (Number(hire.slice(0, 4)) - Number(csStart.slice(0, 4))) * 12) : int(0, 3) * 6,
    intern: chance(0.2), ability: role === '客服领班' ? 0.6 + 0.5 * normal() : normal(),
    baseWage: role === '客服领班' ? 3200 : pick([2200, 2400, 2600]), months: [],
  };
}

for (const team of TEAMS) {
  // The lead has been here 3–10 years.
  people.push(makePerson(team, '客服领班', iso(int(2016, 2023), int(1, 12), int(1, 28))));
  for (let k = 0; k < 22; k++) {
    // Tenure spread: a third under a year, most 1–5 years, a few long-serving.
    const years = pick([0, 0, 0.5, 1, 1, 2, 2, 3, 3, 4, 5, 7, 9]);
    const start = 2025 * 12 + 11 - Math.round(years * 12) - int(0, 11);
    people.push(makePerson(team, '客服代表', iso(Math.floor(start / 12), (start % 12) + 1, int(1, 28))));
  }
}
// Hires during the year, on probation at first.
for (let k = 0; k < 16; k++) {
  const month = int(2, 11);
  people.push(makePerson(TEAMS[k % TEAMS.length]!, '客服代表', iso(2026, month, int(1, 28))));
}
// Leavers: a few representatives leave during the year (no monthly rows after the leave month).
const reps = people.filter((p) => p.role === '客服代表' && p.hire < '2026-01-01');
for (let k = 0; k < 10; k++) {
  const p = reps[int(0, reps.length - 1)]!;
  if (p.leave) continue;
  p.leave = iso(2026, int(3, 11), int(1, 28));
}
for (const p of people) {
  p.months = MONTHS.filter((m) => m >= p.hire.slice(0, 7) && (!p.leave || m <= p.leave.slice(0, 7)));
}

// ── Monthly rows ────────────────────────────────────────────────────────────────────────────────────────────

const items = itemColumns();
type Row = Record<string, string>;
const monthly: Row[] = [];
const monthlyOf = new Map<string, Row>();

for (const p of people) {
  // A trend: some improve over the year, some slip.
  const trend = 0.08 * normal();
  const typing = clamp(75 + 12 * p.ability + 6 * normal(), 40, 130);
  const attendanceRisk = clamp(0.08 + 0.06 * normal() - 0.03 * p.ability, 0.01, 0.35);
  p.months.forEach((month, k) => {
    const a = p.ability + trend * k + 0.45 * normal();
    const newcomer = month <= addMonths(p.hire, 2).slice(0, 7);
    const level = a - (newcomer ? 0.6 : 0);
    const score = clamp(84 + 5.5 * level, 45, 100);
    const late = chance(attendanceRisk) ? int(1, 3) : 0;
    const early = chance(attendanceRisk / 2) ? int(1, 2) : 0;
    const sick = chance(attendanceRisk) ? pick([0.5, 1, 1, 2, 3]) : 0;
    const personal = chance(attendanceRisk) ? pick([0.5, 1, 2]) : 0;
    const absent = chance(attendanceRisk / 8) ? pick([0.5, 1, 2]) : 0;
    const statutory = chance(0.03) ? pick([3, 5, 10]) : 0;
    const complaints = poisson(clamp(0.25 - 0.12 * level, 0.02, 1));
    const sat = clamp(0.93 + 0.025 * level + 0.01 * normal(), 0.7, 1);
    const tickets = Math.round(clamp(620 + 90 * level + 40 * normal(), 150, 1200));
    const row: Row = {
      id: p.id, month,
      score: fix(score, 1),
      tickets: String(tickets),
      revenue: money(tickets * uniform(180, 260)),
      sales: money(clamp(60000 + 15000 * level + 8000 * normal(), 0, 200000)),
      complaints: String(complaints),
      complaint_rate: pct(complaints / Math.max(1, tickets / 10), 2),
      客户满意度: pct(sat),
      本组当月服务满意度: '', // the team's mean, below
      error_rate: pct(clamp(0.02 - 0.008 * level + 0.004 * normal(), 0, 0.2), 2),
      late: String(late), early_leave: String(early),
      sick_leave_days: String(sick), personal_leave_days: String(personal), statutory_leave_days: String(statutory),
      absent_days: String(absent),
      swaps: String(chance(0.15) ? int(4, 5) : int(0, 3)),
      typing_speed: String(Math.round(typing + 3 * normal() + k * 0.3)),
      skill_test: fix(clamp(80 + 7 * level, 40, 100), 0),
      exam: fix(clamp(78 + 8 * level + 4 * normal(), 30, 100), 0),
      // Scheme B's KPIs.
      system_accuracy: pct(clamp(0.97 + 0.01 * level, 0.85, 1)),
      tracking_on_time: pct(clamp(0.95 + 0.015 * level, 0.8, 1)),
      arrival_on_time: pct(clamp(0.94 + 0.015 * level + 0.01 * normal(), 0.8, 1)),
      receipt_return_on_time: pct(clamp(0.93 + 0.02 * level, 0.75, 1)),
      invoicing_on_time: pct(clamp(0.96 + 0.01 * level, 0.8, 1)),
      receivables_collected: pct(clamp(0.9 + 0.03 * level + 0.02 * normal(), 0.6, 1)),
      // C14 three raters.
      self_score: fix(clamp(score + 4 + 2 * normal(), 0, 100), 0),
      boss_score: fix(clamp(score + 2 * normal(), 0, 100), 0),
      group_score: fix(clamp(score - 1 + 3 * normal(), 0, 100), 0),
      // C15, C16, C18.
      base_wage: money(p.baseWage),
      perf_base: money(p.role === '客服领班' ? 1500 : 1000),
      前项满意度: pct(clamp(sat + 0.01 * normal(), 0.7, 1)),
      回访不实: String(chance(0.06) ? int(1, 3) : 0),
      fixed_pay: money(p.role === '客服领班' ? 4500 : 3000),
      bonus_base: money(p.role === '客服领班' ? 2000 : 1200),
      unit_cost: money(clamp(12 - 1.2 * level + normal(), 5, 25)),
      claim_rate: pct(clamp(0.01 - 0.004 * level + 0.003 * normal(), 0, 0.1), 2),
      pass_rate: pct(clamp(0.9 + 0.04 * level, 0.5, 1)),
    };
    // Score-sheet items: ratings from the rubric, better people rated higher (the rubric's values high to low).
    for (const it of items) {
      if (it.rubric.length) {
        const r = [...it.rubric].sort((x, y) => y - x);
        const z = level + 0.8 * normal();
        row[it.name] = String(z > 0.3 ? r[0] : z > -1.3 || r.length < 3 ? r[1] ?? r[0] : r[2]);
      } else {
        row[it.name] = fix(clamp(82 + 7 * level + 5 * normal(), 0, 100), 0);
      }
    }
    monthly.push(row);
    monthlyOf.set(`${p.id}|${month}`, row);
  });
}
// The team's satisfaction: the mean of its members' that month.
for (const month of MONTHS) {
  for (const team of TEAMS) {
    const rows = people.filter((p) => p.team === team).map((p) => monthlyOf.get(`${p.id}|${month}`)).filter((r): r is Row => !!r);
    const mean = rows.reduce((s, r) => s + Number(r['客户满意度']!.slice(0, -1)), 0) / rows.length / 100;
    for (const r of rows) r['本组当月服务满意度'] = pct(mean);
  }
}

// ── Events (standard kinds only) ────────────────────────────────────────────────────────────────────────────

interface Ev { id: string; date: string; kind: string; count: string; amount: string; source: string; note: string }
const events: Ev[] = [];
const ev = (id: string, date: string, kind: string, extra: Partial<Ev> = {}) =>
  events.push({ id, date, kind, count: '', amount: '', source: '', note: '', ...extra });
const dayIn = (p: Person, month: string) => {
  const lo = month === p.hire.slice(0, 7) ? Number(p.hire.slice(8)) : 1;
  const hi = p.leave && month === p.leave.slice(0, 7) ? Number(p.leave.slice(8)) : 28;
  return `${month}-${pad(int(lo, Math.max(lo, hi)))}`;
};
let customer = 0;
for (const p of people) {
  for (const month of p.months) {
    const row = monthlyOf.get(`${p.id}|${month}`)!;
    const level = (Number(row.score) - 84) / 5.5;
    // Written praise from customers: distinct customers, now and then the same customer twice.
    const praises = poisson(clamp(0.25 + 0.35 * level, 0, 2));
    let last = '';
    for (let k = 0; k < praises; k++) {
      const source = last && chance(0.2) ? last : `客户${String(++customer).padStart(5, '0')}`;
      ev(p.id, dayIn(p, month), 'praise.customer', { source });
      last = source;
    }
    if (chance(0.03 + 0.02 * Math.max(0, level))) ev(p.id, dayIn(p, month), 'praise.internal', { source: `${p.team}领班` });
    if (chance(0.004 * Math.max(0, level + 1))) ev(p.id, dayIn(p, month), 'praise.company', { source: '公司办公室', note: '公司书面表扬' });
    if (chance(0.01 * Math.max(0, 1 - level))) ev(p.id, dayIn(p, month), 'complaint.attitude', { source: `客户${String(++customer).padStart(5, '0')}`, note: '服务态度投诉经核实成立' });
    if (chance(0.006)) ev(p.id, dayIn(p, month), 'reprimand', { note: '违反排班纪律，部门通报批评' });
    if (chance(0.002)) ev(p.id, dayIn(p, month), 'incident.major', { note: '系统误操作导致批量订单错发' });
    if (chance(0.02)) ev(p.id, dayIn(p, month), 'discretionary', { amount: String(pick([-5, -3, -2, 2, 3, 5])), note: '主管酌情加减分' });
    if (p.role === '客服领班' && chance(0.08)) ev(p.id, dayIn(p, month), 'mentored', { note: '带出新人' });
  }
  // Probation exam: most pass in the hire month or the next; a few never do.
  const [first, second] = p.months;
  if (first && p.hire >= '2025-10-01' && chance(0.85)) ev(p.id, dayIn(p, chance(0.6) || !second ? first : second), 'exam.passed', { source: '试用期专业知识及工作技巧考核' });
  else if (chance(0.1)) ev(p.id, dayIn(p, pick(p.months)), 'exam.passed', { source: '技术评定考试' });
  if (p.role === '客服领班' && chance(0.5)) ev(p.id, dayIn(p, pick(p.months)), 'training.reserve', { source: '储备干部培训班' });
  // Titles at the end of each quarter for the best few.
}
for (const month of ['2026-03', '2026-06', '2026-09', '2026-12']) {
  const ranked = people.filter((p) => p.months.includes(month) && p.role === '客服代表')
    .sort((x, y) => Number(monthlyOf.get(`${y.id}|${month}`)!.score) - Number(monthlyOf.get(`${x.id}|${month}`)!.score) || (x.id < y.id ? -1 : 1));
  for (const p of ranked.slice(0, 3)) ev(p.id, `${month}-28`, 'title', { source: '优秀客服', note: '季度优秀客服' });
}
// Manual decisions (source = the target tier). 中级客服 is a tier of schemes A and E and of both B extras; 中级 of
// scheme C; 中级客服专员 of scheme B. A policy without that tier ignores the decision.
const veterans = people.filter((p) => p.role === '客服代表' && !p.leave && p.hire < '2024-01-01');
const manual: [string, string][] = [['2026-02', '中级客服'], ['2026-05', '中级客服专员'], ['2026-07', '中级'], ['2026-09', '高级客服']];
manual.forEach(([month, tier], k) => {
  const p = veterans[(k * 37 + 11) % veterans.length]!;
  ev(p.id, `${month}-15`, 'promote.manual', { source: tier, note: '经理特批晋升' });
});
{
  const p = veterans[(5 * 37 + 11) % veterans.length]!;
  ev(p.id, '2026-08-20', 'demote.manual', { source: '初级客服', note: '连续违纪，经理决定降级' });
}
// One leaver was dismissed.
{
  const p = people.find((x) => x.leave)!;
  ev(p.id, p.leave, 'dismiss', { note: '严重违纪辞退' });
}
events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

// ── Policy-specific violations ──────────────────────────────────────────────────────────────────────────────

/** Each policy's own (non-standard) event kinds: a few rows each, amounts inside the range, a note where required. */
function violations(file: string): Ev[] {
  const r = compile({ name: file, text: readFileSync(file, 'utf8') });
  const kinds = dataRequirements(r).eventKinds.filter((k) => !k.standard);
  const out: Ev[] = [];
  const local = mulberry32(basename(file).split('').reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
  const lpick = <T>(xs: readonly T[]) => xs[Math.floor(local() * xs.length)]!;
  const active = people.filter((p) => p.months.length >= 3);
  for (const k of kinds) {
    const n = 1 + Math.floor(local() * 4);
    for (let j = 0; j < n; j++) {
      const p = lpick(active);
      const month = lpick(p.months);
      const amount = k.amount ? String(Math.round(k.amount.min + local() * Math.min(k.amount.max - k.amount.min, 500))) : '';
      out.push({ id: p.id, date: `${month}-${pad(1 + Math.floor(local() * 28))}`, kind: k.name, count: '', amount, source: '', note: k.noteRequired || local() < 0.5 ? `${k.name}（样例记录）` : '' });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
}

// ── Writing ─────────────────────────────────────────────────────────────────────────────────────────────────

const EMPLOYEE_HEADER = ['id', 'name', 'team', 'role', 'hire_date', 'regular_date', 'cs_start_date', 'education', 'birth_date',
  'track', 'tier', 'tier_since', 'star', 'post_wage', 'leave_date', 'related_experience', 'intern_completed'] as const;
const employees: Row[] = people.map((p) => ({
  id: p.id, name: p.name, team: p.team, role: p.role, hire_date: p.hire, regular_date: p.regular, cs_start_date: p.csStart,
  education: p.edu, birth_date: p.birth, track: p.track, tier: '', tier_since: '', star: '', post_wage: money(p.postWage),
  leave_date: p.leave, related_experience: String(p.relatedExperience), intern_completed: p.intern ? '是' : '否',
}));
const monthlyHeader = Object.keys(monthly[0]!);
const EVENT_HEADER = ['id', 'date', 'kind', 'count', 'amount', 'source', 'note'] as const;

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function csv(header: readonly string[], rows: readonly Record<string, string>[]): string {
  return [header.map(csvCell).join(','), ...rows.map((r) => header.map((h) => csvCell(r[h] ?? '')).join(','))].join('\n') + '\n';
}
/** A cell of the workbook: numbers as numbers, dates as dates, the rest as text (blank as an empty cell). */
function xlsxCell(s: string): XlsxCell {
  if (s === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return new Date(`${s}T00:00:00Z`);
  if (/^-?\d+(\.\d+)?$/.test(s) && !/^0\d/.test(s)) return Number(s);
  return s;
}
const sheet = (name: string, header: readonly string[], rows: readonly Record<string, string>[]) =>
  ({ name, rows: [header.map((h) => h as XlsxCell), ...rows.map((r) => header.map((h) => xlsxCell(r[h] ?? '')))] });

mkdirSync(join(OUT, 'violations'), { recursive: true });
writeFileSync(join(OUT, 'employees.csv'), csv(EMPLOYEE_HEADER, employees));
writeFileSync(join(OUT, 'monthly.csv'), csv(monthlyHeader, monthly));
writeFileSync(join(OUT, 'events.csv'), csv(EVENT_HEADER, events as unknown as Row[]));
for (const file of policyFiles()) {
  const v = violations(file);
  if (v.length) writeFileSync(join(OUT, 'violations', `${basename(file, '.yaml')}.csv`), csv(EVENT_HEADER, v as unknown as Row[]));
}
await writeXlsxWorkbook(join(OUT, 'sample.xlsx'), [
  sheet('employees', EMPLOYEE_HEADER, employees),
  sheet('monthly', monthlyHeader, monthly),
  sheet('events', EVENT_HEADER, events as unknown as Row[]),
]);
console.log(`${people.length} people, ${monthly.length} monthly rows, ${events.length} events → ${OUT}`);
