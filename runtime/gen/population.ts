// A synthetic population of customer-service staff in the standard data model (shared/spec/data-model.md): the
// employees, monthly and events tables as text cells, for `ladder gen` and scripts/make-sample.ts (examples/sample).
// No Node imports: the playground can call it too.
//
// Deterministic for a seed: one seeded PRNG (mulberry32), no Math.random, no clock. The draws happen in a fixed
// order, so the sample made with seed 20260101 (12 months from 2026-01, 200 people) stays byte-identical.
//
// Several policies (or none given to the CLI, which passes every bundled one) must all load the same tables without
// a data problem, so:
//   - the monthly table carries the union of every policy's columns (standard names, the policies' own input names,
//     every score-sheet item column with ratings from its rubric);
//   - `tier`, `tier_since` and `star` are left blank: the policies' ladders share no tier name (初级 / 初级客服 /
//     初级客服专员 …) and an unknown tier is a data error (D007), so each policy places people by its own rules;
//   - satisfaction appears twice under different aliases: `客户满意度` (the person's; scheme B reads it as
//     satisfaction, C16 as its own input 客户满意度) and `本组当月服务满意度` (the team's mean; the scheme C team-lead
//     policy reads it as satisfaction). One `satisfaction` column would be read by B and C16 as two columns (D021);
//   - the events table holds only the data model's standard kinds (praise.customer, exam.passed, promote.manual …):
//     a policy rejects a kind it does not declare (D014), and no violation kind is declared by every policy.
//     Each policy's own violations (with amounts inside their ranges and notes where required) are returned apart,
//     one table per policy, to be appended to the events table for that policy.
// With exactly one policy (`single`), its ladder's tier names are used (each person placed on a track by role and
// tenure, with tier_since), stars are drawn within its levels, manual decisions name its tiers, and its own violation
// kinds go straight into the events table. Those draws use a second PRNG, so the people, months and standard events
// are the same as without `single`.

import type { CompileResult } from '../../compiler/compile.ts';
import type { Table } from '../data/load.ts';
import { dataRequirements } from '../data/requirements.ts';

export interface GenOptions {
  readonly people: number;
  readonly months: number;
  /** YYYY-MM, default 2026-01. */
  readonly startMonth?: string;
  readonly seed: number;
  /** The policies whose columns, rubrics and event kinds the data covers (compiled without errors). */
  readonly policies: readonly CompileResult[];
  /** Use the one policy's tiers, stars and violation kinds (default: true when exactly one policy is given). */
  readonly single?: boolean;
}

export interface GenTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface GeneratedPopulation {
  readonly employees: GenTable;
  readonly monthly: GenTable;
  readonly events: GenTable;
  /** Per policy (file name without .yaml): its own violation events, not in `events` (empty with `single`). */
  readonly violations: readonly { readonly policy: string; readonly table: GenTable }[];
}

export const EMPLOYEE_HEADER = ['id', 'name', 'team', 'role', 'hire_date', 'regular_date', 'cs_start_date', 'education', 'birth_date',
  'track', 'tier', 'tier_since', 'star', 'post_wage', 'leave_date', 'related_experience', 'intern_completed'] as const;
export const EVENT_HEADER = ['id', 'date', 'kind', 'count', 'amount', 'source', 'note'] as const;

// ── PRNG ────────────────────────────────────────────────────────────────────────────────────────────────────

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draws(rnd: () => number) {
  const uniform = (a: number, b: number) => a + (b - a) * rnd();
  const int = (a: number, b: number) => Math.floor(uniform(a, b + 1));
  const chance = (p: number) => rnd() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const normal = (): number => {
    const u = Math.max(rnd(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
  const poisson = (lambda: number): number => {
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do { k++; p *= rnd(); } while (p > l);
    return k - 1;
  };
  return { uniform, int, chance, pick, normal, poisson };
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
const yearsBetween = (a: string, b: string) => {
  const n = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1 + Number(s.slice(8, 10)) / 31;
  return (n(b) - n(a)) / 12;
};

// ── Tables as text ──────────────────────────────────────────────────────────────────────────────────────────

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
/** A table as CSV text: a header line, one line per row, a final newline (cells quoted only where needed). */
export function tableCsv(t: GenTable): string {
  return [t.header.map(csvCell).join(','), ...t.rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}
/** A table as the loader reads one from a file: the header on row 1, each row numbered as in a CSV file. */
export function tableOf(file: string, t: GenTable): Table {
  return { file, header: t.header, rows: t.rows.map((cells, k) => ({ row: k + 2, cells })) };
}

/** A table as JSON records (header → cell), blank cells left out. */
export function tableRecords(t: GenTable): Record<string, string>[] {
  return t.rows.map((r) => Object.fromEntries(t.header.flatMap((h, i) => (r[i] ? [[h, r[i]!]] : []))));
}

/** The policy's name: its file name without the folder and .yaml. */
export function policyName(r: CompileResult): string {
  return r.file.name.split(/[\\/]/).pop()!.replace(/\.ya?ml$/i, '');
}

// ── Team names: 一组, 二组, … 十一组 … ──────────────────────────────────────────────────────────────────────

const DIGITS = [...'零一二三四五六七八九'];
function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 100) return `${n >= 20 ? DIGITS[Math.floor(n / 10)] : ''}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉宇浩凯婷雪琳晶欣悦怡佳倩颖'];
const EDU: readonly [string, number][] = [['初中', 0.03], ['高中', 0.12], ['中专', 0.15], ['大专', 0.38], ['本科', 0.28], ['硕士', 0.04]];
const LEAD = '客服领班';
const REP = '客服代表';

interface Person {
  id: string; name: string; team: string; role: typeof REP | typeof LEAD;
  hire: string; regular: string; csStart: string; edu: string; birth: string; track: string;
  postWage: number; leave: string; relatedExperience: number; intern: boolean;
  ability: number; baseWage: number; /** months present, in order */ months: string[];
  tier: string; tierSince: string; star: string;
}

interface ItemColumn { readonly name: string; readonly rubric: readonly number[] }

/** Score-sheet item columns of every policy with the ratings its rubric allows (0–100 when there is none). */
function itemColumns(policies: readonly CompileResult[]): ItemColumn[] {
  const out = new Map<string, ItemColumn>();
  for (const r of policies) {
    if (!r.checked) throw new Error(`${r.file.name} does not compile`);
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

interface Ev { id: string; date: string; kind: string; count: string; amount: string; source: string; note: string }
const byDateThenId = (a: Ev, b: Ev) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function generatePopulation(options: GenOptions): GeneratedPopulation {
  const start = options.startMonth ?? '2026-01';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(start)) throw new Error(`startMonth ${start}: YYYY-MM`);
  if (!Number.isInteger(options.people) || options.people < 1) throw new Error('people: a positive integer');
  if (!Number.isInteger(options.months) || options.months < 1) throw new Error('months: a positive integer');
  const single = options.single ?? options.policies.length === 1;
  const { int, chance, pick, normal, poisson, uniform } = draws(mulberry32(options.seed));

  const startYear = Number(start.slice(0, 4));
  const startIndex = startYear * 12 + Number(start.slice(5, 7)) - 1;
  const MONTHS = Array.from({ length: options.months }, (_, i) => addMonths(`${start}-01`, i).slice(0, 7));
  const M = MONTHS.length;
  const firstDay = `${start}-01`;
  const lastDay = `${MONTHS[M - 1]}-31`;

  // ── People ──────────────────────────────────────────────────────────────────────────────────────────────
  // About 8% hired during the data, the rest in teams of about 23 (a lead and the representatives).
  const N = options.people;
  const hiresDuring = Math.round(N * 0.08);
  const base = N - hiresDuring;
  const teamCount = Math.max(base >= 6 ? 2 : 1, Math.round(base / 23));
  const TEAMS = Array.from({ length: teamCount }, (_, k) => `${chineseNumber(k + 1)}组`);

  const education = (): string => {
    let x = uniform(0, 1);
    for (const [e, p] of EDU) { if ((x -= p) < 0) return e; }
    return '大专';
  };
  const people: Person[] = [];
  let serial = 0;
  const usedNames = new Set<string>();
  const newName = (): string => {
    for (let tries = 0; ; tries++) {
      const n = pick(SURNAMES) + pick(GIVEN) + (chance(0.6) ? pick(GIVEN) : '') + (tries > 50 ? pick(GIVEN) : '');
      if (!usedNames.has(n)) { usedNames.add(n); return n; }
    }
  };
  const makePerson = (team: string, role: Person['role'], hire: string): Person => {
    const id = `K${String(++serial).padStart(4, '0')}`;
    const hireYear = Number(hire.slice(0, 4));
    // Probation: three months (a few two or six); a hire whose probation runs past the data has none yet.
    const probation = pick([3, 3, 3, 2, 6]);
    const regularDate = addMonths(hire, probation);
    const regular = regularDate <= lastDay ? regularDate : '';
    // Some came with customer-service experience from elsewhere (岗龄 longer than tenure).
    const csStart = chance(0.3) ? addMonths(hire, -int(6, 60)) : hire;
    const age = role === LEAD ? int(27, 45) : int(19, 40);
    const birth = iso(Math.max(hireYear, startYear) - age, int(1, 12), int(1, 28));
    return {
      id, name: newName(), team, role, hire, regular, csStart, edu: education(), birth,
      track: role === LEAD ? '管理' : '技能',
      postWage: role === LEAD ? 2600 : pick([1800, 2000, 2000, 2200]),
      leave: '', relatedExperience: csStart < hire ? Math.min(120, (Number(hire.slice(0, 4)) - Number(csStart.slice(0, 4))) * 12) : int(0, 3) * 6,
      intern: chance(0.2), ability: role === LEAD ? 0.6 + 0.5 * normal() : normal(),
      baseWage: role === LEAD ? 3200 : pick([2200, 2400, 2600]), months: [],
      tier: '', tierSince: '', star: '',
    };
  };

  const repsPerTeam = base - teamCount;
  TEAMS.forEach((team, t) => {
    // The lead has been here 3–10 years.
    people.push(makePerson(team, LEAD, iso(int(startYear - 10, startYear - 3), int(1, 12), int(1, 28))));
    const n = Math.floor(repsPerTeam / teamCount) + (t < repsPerTeam % teamCount ? 1 : 0);
    for (let k = 0; k < n; k++) {
      // Tenure spread: a third under a year, most 1–5 years, a few long-serving.
      const years = pick([0, 0, 0.5, 1, 1, 2, 2, 3, 3, 4, 5, 7, 9]);
      const s = startIndex - 1 - Math.round(years * 12) - int(0, 11);
      people.push(makePerson(team, REP, iso(Math.floor(s / 12), (s % 12) + 1, int(1, 28))));
    }
  });
  // Hires during the data (not in its first month), on probation at first.
  for (let k = 0; k < hiresDuring; k++) {
    const lo = Math.min(1, M - 1);
    const m = int(lo, Math.max(lo, M - 2));
    people.push(makePerson(TEAMS[k % TEAMS.length]!, REP, `${MONTHS[m]}-${pad(int(1, 28))}`));
  }
  // Leavers: a few representatives leave during the data (no monthly rows after the leave month).
  const reps = people.filter((p) => p.role === REP && p.hire < firstDay);
  for (let k = 0; k < Math.round(N * 0.05) && reps.length; k++) {
    const p = reps[int(0, reps.length - 1)]!;
    if (p.leave) continue;
    const lo = Math.min(2, M - 1);
    const m = int(lo, Math.max(lo, M - 2));
    p.leave = `${MONTHS[m]}-${pad(int(1, 28))}`;
  }
  for (const p of people) {
    p.months = MONTHS.filter((m) => m >= p.hire.slice(0, 7) && (!p.leave || m <= p.leave.slice(0, 7)));
  }

  // ── One policy: its tiers and stars (a second PRNG, so everything else stays as without it) ─────────────────
  const policy = single ? options.policies[0] : undefined;
  const ladder = policy?.checked?.policy.ladder;
  const trackOf = new Map<string, readonly string[]>();
  for (const t of ladder?.tracks ?? []) if (t.paths[0]?.length) trackOf.set(t.name, t.paths[0].map((x) => x.name));
  if (policy) {
    const extra = draws(mulberry32((options.seed ^ 0x5bd1e995) >>> 0));
    const names = [...trackOf.keys()];
    const repTrack = names.find((n) => n === '技能') ?? names[0];
    const leadTrack = names.find((n) => n === '管理') ?? (names.length > 1 ? names.find((n) => n !== repTrack) : repTrack);
    const stars = policy.checked?.policy.stars;
    for (const p of people) {
      const track = p.role === LEAD ? leadTrack : repTrack;
      if (track !== undefined) {
        const path = trackOf.get(track)!;
        const repPath = trackOf.get(repTrack!)!;
        let k: number;
        if (p.role === LEAD) {
          // A lead on a track of its own starts where it leaves the representatives' path (客服主管, 客服组长).
          const own = path.findIndex((t) => !repPath.includes(t));
          k = track !== repTrack && own >= 0 ? own : Math.max(0, path.length - 2);
        } else if (!p.regular || p.regular > firstDay) {
          k = 0; // on probation at the start of the data
        } else {
          const years = yearsBetween(p.hire, firstDay);
          k = clamp(Math.floor(years / 2 + 0.5 * p.ability + 0.5 * extra.normal()), 0, Math.max(0, path.length - 2));
        }
        p.track = track;
        p.tier = path[k]!;
        // In the tier since promotion to it: some months to a few years before the data, not before the hire.
        const since = addMonths(firstDay, -extra.int(1, 30));
        p.tierSince = k === 0 || since < p.hire ? p.hire : `${since.slice(0, 8)}${pad(extra.int(1, 28))}`;
      }
      if (stars && p.regular && p.regular <= firstDay) {
        // Within the levels, the top one left for the rating itself (a quota may cap it).
        const lo = stars.min + (stars.max - stars.min >= 3 ? 1 : 0);
        const hi = Math.max(lo, stars.max - 1);
        p.star = String(clamp(Math.round((stars.min + stars.max) / 2 + p.ability + 0.5 * extra.normal()), lo, hi));
      }
    }
  }

  // ── Monthly rows ────────────────────────────────────────────────────────────────────────────────────────
  const items = itemColumns(options.policies);
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
        perf_base: money(p.role === LEAD ? 1500 : 1000),
        前项满意度: pct(clamp(sat + 0.01 * normal(), 0.7, 1)),
        回访不实: String(chance(0.06) ? int(1, 3) : 0),
        fixed_pay: money(p.role === LEAD ? 4500 : 3000),
        bonus_base: money(p.role === LEAD ? 2000 : 1200),
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

  // ── Events (standard kinds) ─────────────────────────────────────────────────────────────────────────────
  const events: Ev[] = [];
  const ev = (id: string, date: string, kind: string, extra: Partial<Ev> = {}) =>
    events.push({ id, date, kind, count: '', amount: '', source: '', note: '', ...extra });
  const dayIn = (p: Person, month: string) => {
    const lo = month === p.hire.slice(0, 7) ? Number(p.hire.slice(8)) : 1;
    const hi = p.leave && month === p.leave.slice(0, 7) ? Number(p.leave.slice(8)) : 28;
    return `${month}-${pad(int(lo, Math.max(lo, hi)))}`;
  };
  let customer = 0;
  const recentHire = addMonths(firstDay, -3);
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
      if (p.role === LEAD && chance(0.08)) ev(p.id, dayIn(p, month), 'mentored', { note: '带出新人' });
    }
    // Probation exam: most pass in the hire month or the next; a few never do.
    const [first, second] = p.months;
    if (first && p.hire >= recentHire && chance(0.85)) ev(p.id, dayIn(p, chance(0.6) || !second ? first : second), 'exam.passed', { source: '试用期专业知识及工作技巧考核' });
    else if (chance(0.1)) ev(p.id, dayIn(p, pick(p.months)), 'exam.passed', { source: '技术评定考试' });
    if (p.role === LEAD && chance(0.5)) ev(p.id, dayIn(p, pick(p.months)), 'training.reserve', { source: '储备干部培训班' });
  }
  // Titles at the end of each quarter for the best few.
  for (const month of MONTHS.filter((m) => Number(m.slice(5)) % 3 === 0)) {
    const ranked = people.filter((p) => p.months.includes(month) && p.role === REP)
      .sort((x, y) => Number(monthlyOf.get(`${y.id}|${month}`)!.score) - Number(monthlyOf.get(`${x.id}|${month}`)!.score) || (x.id < y.id ? -1 : 1));
    for (const p of ranked.slice(0, 3)) ev(p.id, `${month}-28`, 'title', { source: '优秀客服', note: '季度优秀客服' });
  }
  // Manual decisions (source = the target tier), only with one policy and only moves it accepts (a transition it
  // marks manual from the person's tier, or one step when it takes manual_moves: one_step / any), recorded in the first
  // month, when the tier is the one drawn above. Without one policy tiers are blank and each policy places people by
  // its own rules: no move could be known to be accepted, and a manual decision a policy refuses is an error (R002).
  const veterans = people.filter((p) => p.role === REP && !p.leave && p.hire < addMonths(firstDay, -24));
  const moves = policy?.checked?.policy.transitions.filter((t) => t.manual && !t.fromAny) ?? [];
  const stepped = ladder?.manualMoves === 'one_step' || ladder?.manualMoves === 'any';
  const accepted = (p: Person): { kind: string; to: string } | undefined => {
    const t = moves.find((x) => x.from.name === p.tier);
    if (t) return { kind: t.direction === 'promotion' ? 'promote.manual' : 'demote.manual', to: t.to.name };
    const path = p.tier ? trackOf.get(p.track) : undefined;
    const up = path?.[path.indexOf(p.tier!) + 1];
    return stepped && up ? { kind: 'promote.manual', to: up } : undefined;
  };
  if (policy && MONTHS[0]) {
    const chosen = veterans.filter((p) => accepted(p) !== undefined).slice(0, 4);
    for (const p of chosen) {
      const move = accepted(p)!;
      ev(p.id, `${MONTHS[0]}-15`, move.kind, { source: move.to, note: move.kind === 'promote.manual' ? '经理特批晋升' : '经理决定降级' });
    }
  }
  // One leaver was dismissed.
  const dismissed = people.find((x) => x.leave);
  if (dismissed) ev(dismissed.id, dismissed.leave, 'dismiss', { note: '严重违纪辞退' });

  // ── Policy-specific violations ──────────────────────────────────────────────────────────────────────────
  /** The policy's own (non-standard) event kinds: a few rows each, amounts inside the range, a note where required. */
  const violations = (r: CompileResult): Ev[] => {
    const kinds = dataRequirements(r).eventKinds.filter((k) => !k.standard);
    const out: Ev[] = [];
    // Seeded by the file name only, so examples/sample stays as it was made; who and when still follow the seed.
    const fileName = r.file.name.split(/[\\/]/).pop()!;
    const local = mulberry32(fileName.split('').reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
    const lpick = <T>(xs: readonly T[]) => xs[Math.floor(local() * xs.length)]!;
    const active = people.filter((p) => p.months.length >= Math.min(3, M));
    if (!active.length) return out;
    for (const k of kinds) {
      const n = 1 + Math.floor(local() * 4);
      for (let j = 0; j < n; j++) {
        const p = lpick(active);
        const month = lpick(p.months);
        // An amount whose range depends on the tier is drawn from what every tier allows: tiers are placed by the run.
        const range = k.amountInEveryTier ?? k.amount;
        const amount = range ? String(Math.round(range.min + local() * Math.min(range.max - range.min, 500))) : '';
        out.push({ id: p.id, date: `${month}-${pad(1 + Math.floor(local() * 28))}`, kind: k.name, count: '', amount, source: '', note: k.noteRequired || local() < 0.5 ? `${k.name}（样例记录）` : '' });
      }
    }
    return out.sort(byDateThenId);
  };
  const perPolicy = options.policies.map((r) => ({ policy: policyName(r), rows: violations(r) }));
  if (single) for (const v of perPolicy) for (const row of v.rows) events.push(row);
  events.sort(byDateThenId);

  const evRow = (e: Ev) => EVENT_HEADER.map((h) => e[h]);
  const monthlyHeader = monthly[0] ? Object.keys(monthly[0]) : ['id', 'month'];
  return {
    employees: {
      header: EMPLOYEE_HEADER,
      rows: people.map((p) => [p.id, p.name, p.team, p.role, p.hire, p.regular, p.csStart, p.edu, p.birth, p.track, p.tier,
        p.tierSince, p.star, money(p.postWage), p.leave, String(p.relatedExperience), p.intern ? '是' : '否']),
    },
    monthly: { header: monthlyHeader, rows: monthly.map((r) => monthlyHeader.map((h) => r[h] ?? '')) },
    events: { header: EVENT_HEADER, rows: events.map(evRow) },
    violations: single ? [] : perPolicy.filter((v) => v.rows.length).map((v) => ({ policy: v.policy, table: { header: EVENT_HEADER, rows: v.rows.map(evRow) } })),
  };
}

