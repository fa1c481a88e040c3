// The month-by-month runner on small populations whose every number is computed by hand in the comments.

import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.ts';
import type { RuleSet } from '../../compiler/codegen/generate.ts';
import { codeInput } from '../../runtime/month.ts';
import { type Person, type Population, type PopulationEvent, monthRange } from '../../runtime/population.ts';
import { type ResultRow, run } from '../../runtime/run.ts';
import { readBack } from '../../runtime/explain-values.ts';
import { type ExplainNode, explain } from '../../runtime/explain.ts';

/** One compile per policy text: explain reads the values of the checked formulas of the compile its rule set came
 * from (the plan numbers that compile's expressions). */
const compiles = new Map<string, ReturnType<typeof compile>>();
function compileOnce(text: string): ReturnType<typeof compile> {
  let r = compiles.get(text);
  if (!r) { r = compile({ name: 't.yaml', text }); compiles.set(text, r); }
  return r;
}

function ruleSetOf(text: string): RuleSet {
  const r = compileOnce(text);
  if (!r.ok || !r.ruleSet) throw new Error(r.diagnostics.map((d) => `${d.code} ${JSON.stringify(d.args)}`).join('\n'));
  return r.ruleSet;
}

interface Sheet {
  readonly people: readonly Person[];
  /** months × people: each person's inputs by name; undefined = no row that month. */
  readonly monthly: Readonly<Record<string, readonly (Readonly<Record<string, unknown>> | undefined)[]>>;
  readonly events?: Readonly<Record<string, readonly PopulationEvent[]>>;
}

function population(ruleSet: RuleSet, sheet: Sheet): Population {
  const months = Object.keys(sheet.monthly).sort();
  const all = monthRange(months[0]!, months[months.length - 1]!);
  const strings = [...ruleSet.strings];
  return {
    months: all,
    people: sheet.people,
    inputs: all.map((m) => ruleSet.inputs.map((_, k) => Float64Array.from(sheet.people, (_, i) => {
      const row = sheet.monthly[m]?.[i];
      return row ? codeInput(ruleSet, k, row[ruleSet.inputs[k]!.name], strings) : NaN;
    }))),
    present: all.map((m) => Uint8Array.from(sheet.people, (_, i) => (sheet.monthly[m]?.[i] ? 1 : 0))),
    events: all.map((m) => sheet.events?.[m] ?? []),
    strings,
  };
}

const rowOf = (rows: readonly ResultRow[], id: string, month: string) => rows.find((r) => r.employee === id && r.month === month)!;
const person = (id: string, team: string, extra: Partial<Person> = {}): Person => ({ id, team, hireDate: '2025-01-01', regularDate: '2025-03-01', ...extra });

const HISTORY_POLICY = `
policy: { name: history }
inputs:
  score: number
values:
  季均分: avg(score, 上季度)
  近三月: avg(score, 3个月)
  进步: score - prev(score)
  连续低分: streak(score < 60)
  年内低分月数: count(score < 60, 12个月)
  年内旷工: count(旷工, 12个月)
events:
  旷工: {}
pay:
  奖金: if 季均分 >= 90 then 100元 else 0元
`;

describe('history over months', () => {
  const rs = ruleSetOf(HISTORY_POLICY);
  const pop = population(rs, {
    people: [person('A', 'x')],
    monthly: {
      '2026-01': [{ score: 95 }], '2026-02': [{ score: 88 }], '2026-03': [{ score: 59 }],
      '2026-04': [{ score: 50 }], '2026-05': [{ score: 70 }],
    },
    events: { '2026-02': [{ person: 0, kind: '旷工', count: 2 }], '2026-05': [{ person: 0, kind: '旷工', count: 1 }] },
  });
  const result = run(rs, pop);
  it('averages the previous full quarter, the last three months, and reads last month', () => {
    const apr = rowOf(result.rows, 'A', '2026-04');
    // Q1: (95 + 88 + 59) / 3 = 80.666…; Feb–Apr: (88 + 59 + 50) / 3 = 65.666…
    expect(apr.values['季均分']).toBeCloseTo(80.6667, 3);
    expect(apr.values['近三月']).toBeCloseTo(65.6667, 3);
    expect(apr.values['进步']).toBe(-9);
    expect(apr.pay.total).toBe('0.00');
  });
  it('explains a read over other months with its value and what it reads, not with this month\'s value of that', () => {
    const checked = compileOnce(HISTORY_POLICY).checked!;
    const find = (n: ExplainNode): ExplainNode | undefined => (n.label.startsWith('avg(score') ? n : n.children.map(find).find((x) => x));
    // April: the Q1 average (95 + 88 + 59) / 3 read back, listing score without April's 50 beside it.
    const node = find(explain(checked, rs, pop, result, 0, 3))!;
    expect(Number(node.value)).toBeCloseTo(80.6667, 3);
    expect(node.children.map((c) => [c.label.split(' ')[0], c.value])).toEqual([['score', '']]);
  });
  it('counts streaks, months meeting a condition and events over a window', () => {
    const apr = rowOf(result.rows, 'A', '2026-04');
    const may = rowOf(result.rows, 'A', '2026-05');
    expect(apr.values['连续低分']).toBe(2); // March 59, April 50
    expect(may.values['连续低分']).toBe(0);
    expect(may.values['年内低分月数']).toBe(2);
    expect(may.values['年内旷工']).toBe(3); // 2 in February + 1 in May
  });
  it('a quarter average before the data has a past quarter is empty', () => {
    expect(rowOf(result.rows, 'A', '2026-02').values['季均分']).toBeNull();
  });
});

const POPULATION_POLICY = `
policy: { name: population }
inputs:
  score: number
values:
  组内名次: rank(score, team)
  部门前二: top(score, 2)
  前百分之五十: top(score, 50%)
  组平均: team_avg(score)
  高于组平均: score > team_avg(score)
awards:
  服务之星: { amount: 200元, by: score, among: score >= 80, top: 1, tie_break: prev(score) }
pay:
  奖: 服务之星 + (if 高于组平均 then 50元 else 0元)
`;

describe('population operators', () => {
  const rs = ruleSetOf(POPULATION_POLICY);
  const people = [person('A', '一组'), person('B', '一组'), person('C', '二组'), person('D', '二组')];
  const result = run(rs, population(rs, {
    people,
    monthly: {
      '2026-01': [{ score: 80 }, { score: 90 }, { score: 85 }, { score: 70 }],
      '2026-02': [{ score: 92 }, { score: 90 }, { score: 92 }, { score: 60 }],
    },
  }));
  it('ranks within a team, takes the top N and the top share of the department, averages the team', () => {
    const jan = (id: string) => rowOf(result.rows, id, '2026-01').values;
    expect([jan('A')['组内名次'], jan('B')['组内名次'], jan('C')['组内名次'], jan('D')['组内名次']]).toEqual([2, 1, 1, 2]);
    expect([jan('A')['部门前二'], jan('B')['部门前二'], jan('C')['部门前二'], jan('D')['部门前二']]).toEqual([false, true, true, false]);
    expect(jan('A')['前百分之五十']).toBe(false);
    expect(jan('A')['组平均']).toBe(85);
    expect(jan('C')['组平均']).toBe(77.5);
  });
  it('gives an award to the best eligible, breaking a tie by the tie-break key', () => {
    // February: A and C both score 92; A had 80 in January, C had 85, so C wins on prev(score).
    const feb = (id: string) => rowOf(result.rows, id, '2026-02');
    expect(feb('C').pay.total).toBe('250.00'); // 200 award + 50 above team mean (76)
    expect(feb('A').pay.total).toBe('50.00'); // above team mean 91, no award
    expect(rowOf(result.rows, 'B', '2026-01').pay.total).toBe('250.00');
  });
  it('explain reads each population value back as the run ranked it, from the other people of the scope', () => {
    const checked = compileOnce(POPULATION_POLICY).checked!;
    const pop = population(rs, { people, monthly: { '2026-01': [{ score: 80 }, { score: 90 }, { score: 85 }, { score: 70 }], '2026-02': [{ score: 92 }, { score: 90 }, { score: 92 }, { score: 60 }] } });
    const ran = run(rs, pop);
    const formula = (name: string) => { const d = checked.policy.values.find((v) => v.name === name)!; const cf = checked.formulas.get(d.formula)!; return { tree: cf.parsed.tree, cf }; };
    const read = (i: number, m: number, name: string) => { const f = formula(name); return readBack(rs, pop, ran, i, m)(f.tree, f.cf); };
    // January, 一组 A 80 / B 90, 二组 C 85 / D 70: A is 2nd in his team; the department's top two are B and C;
    // the top 50% of four is two; 二组's mean is 77.5. February: A and C tie at 92, both rank 1 in the department.
    expect(read(0, 0, '组内名次')).toBe(2);
    expect([0, 1, 2, 3].map((i) => read(i, 0, '部门前二'))).toEqual([false, true, true, false]);
    expect([0, 1, 2, 3].map((i) => read(i, 0, '前百分之五十'))).toEqual([false, true, true, false]);
    expect(read(3, 0, '组平均')).toBe(77.5);
    expect([0, 1, 2, 3].map((i) => read(i, 1, '部门前二'))).toEqual([true, false, true, false]);
    expect(read(2, 1, '高于组平均')).toBe(true);
    expect(read(3, 1, '高于组平均')).toBe(false);
  });
});

// Thresholds chosen so the seed's example holds: quarter average 90, typing 75 → 3★ with full attendance, 1★ without.
const STARS_POLICY = `
policy: { name: stars }
inputs:
  score: number
  typing_speed: count
  late: count
events:
  旷工: {}
values:
  季度全勤: count(late > 0, 上季度) = 0
stars:
  levels: [0, 5]
  evaluate: quarter
  gates:
    - { unless: 季度全勤, max: 1 }
  thresholds:
    keys:
      季均分: avg(score, 上季度)
      打字: avg(typing_speed, 上季度)
    rows:
      1: { 季均分: 60, 打字: 0 }
      2: { 季均分: 80, 打字: 60 }
      3: { 季均分: 88, 打字: 70 }
      4: { 季均分: 92, 打字: 80 }
      5: { 季均分: 95, 打字: 90 }
  quota:
    - { star: 5, max: 25%, rank_by: "avg(score, 上季度)", tie_break: "avg(typing_speed, 上季度)" }
  overrides:
    - { when: count(praise.company) > 0, raise: 1, months: 3 }
    - { when: count(旷工) > 0, set: 0, months: 1 }
    - { when: count(reprimand) > 0, lower: 1, months: quarter }
tables:
  星级绩效: { by: star, unit: money, rows: { 0: 0, 1: 600, 2: 900, 3: 1200, 4: 1500, 5: 1800 } }
pay:
  绩效工资: 星级绩效[star] * score%
`;

describe('stars: quarterly rating, gates, quota, overrides', () => {
  const rs = ruleSetOf(STARS_POLICY);
  const q1 = (score: number, typing: number, late = 0) => ({ score, typing_speed: typing, late });
  const people = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((id) => person(id, 'x', { star: 2 }));
  const jan = [q1(90, 75), q1(90, 75, 1), q1(96, 95), q1(96, 92), q1(97, 90), q1(70, 50), q1(85, 65), q1(93, 85)];
  const apr = people.map(() => q1(100, 100));
  const result = run(rs, population(rs, {
    people,
    monthly: { '2026-01': jan, '2026-02': jan, '2026-03': jan, '2026-04': apr, '2026-05': apr, '2026-06': apr, '2026-07': apr },
    events: {
      '2026-04': [{ person: 0, kind: 'praise.company', count: 1 }],
      '2026-05': [{ person: 7, kind: '旷工', count: 1 }, { person: 6, kind: 'reprimand', count: 1 }],
    },
  }));
  const star = (id: string, month: string) => rowOf(result.rows, id, month).star;
  it('keeps the starting star until a full quarter has been seen', () => {
    expect(people.map((p) => star(p.id, '2026-03'))).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
  });
  it('rates from the previous quarter: the seed example gives 3★ with full attendance and 1★ without', () => {
    // April uses Q1. B was late in Q1, so the attendance gate caps B at 1★. A has a company praise in April: +1.
    expect(star('B', '2026-05')).toBe(1);
    expect(star('A', '2026-05')).toBe(4);
    expect(rowOf(result.rows, 'A', '2026-04').changes).toEqual([{ kind: 'star', from: '2', to: '4' }]);
    expect(star('F', '2026-04')).toBe(1);
    expect(star('G', '2026-04')).toBe(2);
    expect(star('H', '2026-04')).toBe(4);
  });
  it('holds five stars to the quota: 25% of 8 is 2, ranked by the quarter average then typing', () => {
    // C (96, 95), D (96, 92) and E (97, 90) all reach 5★; E ranks first, C beats D on typing; D drops to 4★.
    expect([star('C', '2026-04'), star('D', '2026-04'), star('E', '2026-04')]).toEqual([5, 4, 5]);
  });
  it('records whom a quota held back, with the place among those rated that high and the places given', () => {
    expect(result.months[3]!.quotas).toEqual([{ quota: 0, star: 5, base: 8, places: 2, qualifiers: 3, kept: 2, heldBack: [{ person: 3, place: 3, key: 96 }] }]);
    // July: all eight reach 5★ on Q2 (everyone at 100, typing 100): the two places go by id (A, B); C…H are held back
    // in that order.
    const july = result.months[6]!.quotas[0]!;
    expect([july.places, july.qualifiers]).toEqual([2, 8]);
    expect(july.heldBack.map((h) => `${people[h.person]!.id}${h.place}`)).toEqual(['C3', 'D4', 'E5', 'F6', 'G7', 'H8']);
    // Months without a rating have no quota outcome.
    expect(result.months[4]!.quotas).toEqual([]);
  });
  it('counts a quota with scope: team within each team, with the places each team size gives', () => {
    const perTeam = ruleSetOf(STARS_POLICY.replace('- { star: 5, max: 25%,', '- { star: 5, max: 25%, scope: team,'));
    const staff = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((id, k) => person(id, k < 4 ? '一组' : '二组', { star: 2 }));
    const all = staff.map(() => q1(100, 100));
    const ran = run(perTeam, population(perTeam, { people: staff, monthly: { '2026-01': all, '2026-02': all, '2026-03': all, '2026-04': all } }));
    // 25% of each team of 4 is one place: A and E keep 5★ (first by id among equals), the rest of each team 4★.
    expect(staff.map((p) => rowOf(ran.rows, p.id, '2026-04').star)).toEqual([5, 4, 4, 4, 5, 4, 4, 4]);
    expect(ran.months[3]!.quotas.map((o) => [o.team, o.base, o.places, o.qualifiers, o.heldBack.map((h) => `${staff[h.person]!.id}${h.place}`).join(' ')]))
      .toEqual([['一组', 4, 1, 4, 'B2 C3 D4'], ['二组', 4, 1, 4, 'F2 G3 H4']]);
  });
  it('applies overrides in their months: a praise raises for three months, an absence drops to 0 that month', () => {
    expect([star('A', '2026-04'), star('A', '2026-05'), star('A', '2026-06')]).toEqual([4, 4, 4]);
    expect(star('H', '2026-05')).toBe(0);
    expect(rowOf(result.rows, 'H', '2026-05').pay.total).toBe('0.00');
    expect(star('H', '2026-06')).toBe(4);
    // G (2★) reprimanded in May: one star less for the rest of the quarter (May, June), back in July's rating.
    expect([star('G', '2026-04'), star('G', '2026-05'), star('G', '2026-06')]).toEqual([2, 1, 1]);
    // July re-rates from Q2 (everyone at 100): the praise has run out; A keeps 5★ only within the quota.
    expect(star('A', '2026-07')).toBe(5);
  });
  it('explains a rating: the threshold keys and the row met, a gate that capped it, a quota or override that moved it', () => {
    const pop = population(rs, { people, monthly: { '2026-01': jan, '2026-02': jan, '2026-03': jan, '2026-04': apr }, events: { '2026-04': [{ person: 0, kind: 'praise.company', count: 1 }] } });
    const ran = run(rs, pop);
    const checked = compileOnce(STARS_POLICY).checked!;
    const rating = (i: number) => {
      const find = (n: ExplainNode): ExplainNode | undefined => (n.label.startsWith('评定/调整 rated 2026-04') ? n : n.children.map(find).find((x) => x));
      return find(explain(checked, rs, pop, ran, i, 3))!.children.map((c) => `${c.label.split(' ')[0]} ${c.value}`);
    };
    // B: Q1 average 90 and typing 75 meet the 3★ row, but B was late in Q1: the attendance gate caps at 1★.
    expect(rating(1)).toEqual(['季均分 90', '打字 75', '达到档次 3★', '门槛 否 false → ≤ 1★']);
    // D: 96 and 92 meet 5★; the 25% five-star quota keeps C and E, so D is rated 4★: third of the three who reached
    // 5★, two places.
    expect(rating(3)).toEqual(['季均分 96', '打字 92', '达到档次 5★', '名额 第 3 名，名额 2 个（3 人达到，8 人计入） place 3, 2 places (3 rated 5★ or more of 8) → 4★']);
    // A: 3★ by the rows; April's company praise raises it to 4★ (an override, not the quota).
    expect(rating(0)).toEqual(['季均分 90', '打字 75', '达到档次 3★', '调整 +1★']);
  });
  it('pays with the star of the month', () => {
    // A in April: 4★ (3★ + praise) → 1500 × 100% = 1500.
    expect(rowOf(result.rows, 'A', '2026-04').pay.total).toBe('1500.00');
  });
});

const TEAM_MEAN = `
policy: { name: team mean }
inputs:
  score: number
  role: { type: enum, values: [客服代表, 客服领班] }
values:
  代表均分: team_avg(score, team, role = 客服代表)
  代表均分简写: team_avg(score, role = 客服代表)
  全组均分: team_avg(score)
  全部门代表均分: team_avg(score, department, role = 客服代表)
pay:
  奖金: if 代表均分 >= 85 then 100元 else 0元
`;

describe('team_avg with a condition: who counts in the mean', () => {
  const rs = ruleSetOf(TEAM_MEAN);
  const staff = [person('L1', '一组'), person('R1', '一组'), person('R2', '一组'), person('R3', '二组')];
  const month = [{ score: 50, role: '客服领班' }, { score: 80, role: '客服代表' }, { score: 90, role: '客服代表' }, { score: 70, role: '客服代表' }];
  const pop = population(rs, { people: staff, monthly: { '2026-01': month } });
  const result = run(rs, pop);
  const values = (id: string) => rowOf(result.rows, id, '2026-01').values;
  it('averages only those for whom the condition holds, and gives the mean to everyone of the scope', () => {
    // 一组: the representatives R1 80 and R2 90 → 85, read by the lead L1 too; the lead's own 50 is not in it.
    expect(['L1', 'R1', 'R2', 'R3'].map((id) => values(id)['代表均分'])).toEqual([85, 85, 85, 70]);
    expect(['L1', 'R3'].map((id) => values(id)['代表均分简写'])).toEqual([85, 70]);
    // Without a condition, the lead counts: (50 + 80 + 90) / 3.
    expect(values('L1')['全组均分']).toBeCloseTo(73.333333, 5);
    // Department-wide representatives: (80 + 90 + 70) / 3 = 80 for everyone.
    expect(['L1', 'R3'].map((id) => values(id)['全部门代表均分'])).toEqual([80, 80]);
    expect(['L1', 'R3'].map((id) => rowOf(result.rows, id, '2026-01').pay.total)).toEqual(['100.00', '0.00']);
  });
  it('explains the mean as the run computed it', () => {
    const { checked } = compileOnce(TEAM_MEAN);
    // The lead's bonus line reads 代表均分, whose team_avg reads back 85: the representatives only.
    const node = explain(checked!, rs, pop, result, 0, 0);
    const mean = node.children[0]!.children.find((x) => x.label === '代表均分')!;
    expect(mean.value).toBe('85');
    expect(mean.children.find((x) => x.label.startsWith('team_avg('))!.value).toBe('85');
  });
  it('refuses a condition that is not one, and too many arguments', () => {
    const bad = (f: string) => compile({ name: 't.yaml', text: `policy: { name: t }\ninputs:\n  score: number\nvalues:\n  v: ${f}\npay:\n  p: 1元\n` }).diagnostics.map((d) => d.code);
    expect(bad('team_avg(score, team, score)')).toContain('L042');
    expect(bad('team_avg(score, 5)')).toContain('L042');
    expect(bad('team_avg(score, team, score > 1, score > 2)').length).toBeGreaterThan(0);
    expect(bad('team_avg(score, team, score > 60)')).toEqual([]);
  });
});

describe('explain reads tracks and tiers as the run codes them', () => {
  it('evaluates a track condition and shows the track, so only the branch taken is unfolded', () => {
    const text = `
policy: { name: tracks }
inputs:
  score: number
ladder:
  tracks:
    管理: [主管, 经理]
    技能: [专员, 资深]
values:
  管理岗: track = 管理
  资深以上: tier >= 资深
pay:
  津贴: if 管理岗 then 100元 else 0元
  资深津贴: if 资深以上 then 50元 else 0元
`;
    const rs = ruleSetOf(text);
    const staff = [person('A', 'x', { tier: '经理', track: '管理' }), person('B', 'x', { tier: '资深', track: '技能' }), person('C', 'x', { tier: '专员', track: '技能' })];
    const pop = population(rs, { people: staff, monthly: { '2026-01': staff.map(() => ({ score: 80 })) } });
    const ran = run(rs, pop);
    const checked = compileOnce(text).checked!;
    const trace = (i: number) => explain(checked, rs, pop, ran, i, 0);
    // B: not management (技能); 资深 is at least 资深 by level on its own path; 经理 (A) is level 1 too.
    expect(trace(1).children.map((l) => `${l.label} ${l.value} ${l.children.map((c) => `${c.label}=${c.value}`).join(',')}`))
      .toEqual(['津贴 0.00 管理岗=否 false', '资深津贴 50.00 资深以上=是 true']);
    expect(trace(1).children[0]!.children[0]!.children.map((c) => `${c.label}=${c.value}`)).toEqual(['track 序列=技能']);
    expect(ran.rows.map((r) => r.pay.total)).toEqual(['150.00', '50.00', '0.00']);
  });
});

describe('promotions and demotions', () => {
  const rs = ruleSetOf(`
policy: { name: ladder }
inputs:
  score: number
ladder:
  tracks:
    客服: [初级, 中级, 高级, 资深]
promotions:
  - { from: 初级, to: 中级, when: score >= 90 and months_in_tier >= 2个月 }
  - { from: 中级, to: 高级, when: score >= 95 }
  - { from: 高级, to: 资深, manual: true }
  - { from: 初级, to: 高级, manual: true }
demotions:
  - { from: 中级, to: 初级, when: score < 60 }
tables:
  底薪表: { by: tier, unit: money, rows: { 初级: 1700, 中级: 1800, 高级: 2000, 资深: 2300 } }
pay:
  底薪: 底薪表[tier]
`);
  const result = run(rs, population(rs, {
    people: [person('A', 'x', { tier: '初级', tierSince: '2026-01-01' }), person('B', 'x', { tier: '初级', tierSince: '2026-01-01' })],
    monthly: {
      '2026-01': [{ score: 92 }, { score: 92 }], '2026-02': [{ score: 96 }, { score: 70 }],
      '2026-03': [{ score: 50 }, { score: 70 }], '2026-04': [{ score: 80 }, { score: 70 }],
    },
    events: { '2026-02': [{ person: 1, kind: 'promote.manual', count: 1, source: '高级' }] },
  }));
  const tier = (id: string, month: string) => rowOf(result.rows, id, month).tier;
  it('promotes one step the month after the rule holds, and counts time in the new tier from then', () => {
    // A: in 初级 since 2026-01-01, so by the end of January one full month (months_in_tier = 1): 92 is not yet enough
    // (needs 2); by the end of February two, and 96 → 中级 from March.
    expect([tier('A', '2026-01'), tier('A', '2026-02'), tier('A', '2026-03')]).toEqual(['初级', '初级', '中级']);
    expect(rowOf(result.rows, 'A', '2026-03').changes).toEqual([{ kind: 'promoted', from: '初级', to: '中级' }]);
    expect(rowOf(result.rows, 'A', '2026-03').pay.total).toBe('1800.00');
  });
  it('demotes by rule and follows a recorded manual decision, skips included', () => {
    expect(tier('A', '2026-04')).toBe('初级'); // 50 in March as 中级 → back to 初级 in April
    expect(rowOf(result.rows, 'A', '2026-04').changes).toEqual([{ kind: 'demoted', from: '中级', to: '初级' }]);
    expect([tier('B', '2026-02'), tier('B', '2026-03')]).toEqual(['初级', '高级']);
  });
});

describe('first placement and yearly evaluation', () => {
  // B2/B3 in small: placed by years in customer service; promoted each January on last year's data, effective then.
  const rs = ruleSetOf(`
policy: { name: yearly }
inputs:
  score: number
ladder:
  tracks:
    技能: [客服助理, 初级客服专员, 中级客服专员]
placement:
  - { tier: 中级客服专员, when: cs_tenure >= 2年 }
  - { tier: 初级客服专员, when: cs_tenure >= 6个月 }
  - { tier: 客服助理, when: true }
promotions:
  - { from: 客服助理, to: 初级客服专员, evaluate: year, when: "avg(score, 上年) >= 80" }
  - { from: 初级客服专员, to: 中级客服专员, evaluate: year, when: "avg(score, 上年) >= 90" }
tables:
  底薪表: { by: tier, unit: money, rows: { 客服助理: 1500, 初级客服专员: 1700, 中级客服专员: 1900 } }
pay:
  底薪: 底薪表[tier]
`);
  const months: Record<string, { score: number }[]> = {};
  for (const m of monthRange('2025-01', '2026-02')) months[m] = [{ score: 85 }, { score: 95 }, { score: 70 }];
  const result = run(rs, population(rs, {
    people: [
      person('A', 'x', { hireDate: '2024-12-01' }), // 1 month in CS in January 2025: 客服助理
      person('B', 'x', { hireDate: '2024-05-01' }), // 8 months: 初级客服专员
      person('C', 'x', { hireDate: '2023-01-01', csStartDate: '2022-06-01' }), // over 3 years: 中级客服专员
    ],
    monthly: months,
  }));
  const tier = (id: string, month: string) => rowOf(result.rows, id, month).tier;
  it('places each person by customer-service tenure in their first month', () => {
    expect([tier('A', '2025-01'), tier('B', '2025-01'), tier('C', '2025-01')]).toEqual(['客服助理', '初级客服专员', '中级客服专员']);
    expect(rowOf(result.rows, 'A', '2025-01').changes).toEqual([{ kind: 'placed', from: '', to: '客服助理' }]);
    expect(rowOf(result.rows, 'A', '2025-01').pay.total).toBe('1500.00');
  });
  it('promotes in January on the previous year, effective in January', () => {
    // A averaged 85 over 2025 → 初级; B averaged 95 → 中级. (A year not fully in the data would not be evaluated.)
    expect([tier('A', '2025-12'), tier('A', '2026-01'), tier('B', '2026-01'), tier('C', '2026-01')]).toEqual(['客服助理', '初级客服专员', '中级客服专员', '中级客服专员']);
    expect(rowOf(result.rows, 'B', '2026-01').pay.total).toBe('1900.00');
    expect(tier('A', '2026-02')).toBe('初级客服专员');
  });
});

describe('a quarterly award', () => {
  const rs = ruleSetOf(`
policy: { name: quarterly award }
inputs:
  score: number
awards:
  优秀绩效奖: { amount: 500元, by: "avg(score, 上季度)", top: 50%, period: quarter }
pay:
  奖: 优秀绩效奖
`);
  const months: Record<string, { score: number }[]> = {};
  for (const m of monthRange('2026-01', '2026-05')) months[m] = [{ score: 90 }, { score: 80 }];
  const result = run(rs, population(rs, { people: [person('A', 'x'), person('B', 'x')], monthly: months }));
  it('is given once, in the first month of the quarter after a full one, to the top share', () => {
    const totals = (id: string) => ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'].map((m) => rowOf(result.rows, id, m).pay.total);
    expect(totals('A')).toEqual(['0.00', '0.00', '0.00', '500.00', '0.00']);
    expect(totals('B')).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00']);
  });
});

describe('the ever period', () => {
  const rs = ruleSetOf(`
policy: { name: ever }
inputs:
  score: number
values:
  称号次数: count(title, 历来)
  优秀客服次数: count(title.优秀客服, 历来)
  历来最高: max(score, ever)
pay:
  奖: if 称号次数 >= 2 then 100元 else 0元
`);
  const months: Record<string, { score: number }[]> = {};
  for (const m of monthRange('2026-01', '2026-04')) months[m] = [{ score: m === '2026-02' ? 99 : 80 }];
  const result = run(rs, population(rs, {
    people: [person('A', 'x')], monthly: months,
    events: { '2026-01': [{ person: 0, kind: 'title', count: 1, source: '优秀客服' }], '2026-03': [{ person: 0, kind: 'title', count: 1, source: '优秀客服' }], '2026-04': [{ person: 0, kind: 'title', count: 1, source: '服务之星' }] },
  }));
  it('counts every month since the data starts', () => {
    expect(['2026-01', '2026-02', '2026-03', '2026-04'].map((m) => rowOf(result.rows, 'A', m).values['称号次数'])).toEqual([1, 1, 2, 3]);
    // title.优秀客服 counts only that title (source); the April title is another.
    expect(['2026-01', '2026-02', '2026-03', '2026-04'].map((m) => rowOf(result.rows, 'A', m).values['优秀客服次数'])).toEqual([1, 1, 2, 2]);
    expect(rowOf(result.rows, 'A', '2026-04').values['历来最高']).toBe(99);
    expect(rowOf(result.rows, 'A', '2026-03').pay.total).toBe('100.00');
  });
});

describe('rank from the bottom', () => {
  const rs = ruleSetOf(`
policy: { name: last place }
inputs:
  score: number
values:
  倒数: rank_low(score)
flags:
  末位: { when: rank_low(score) = 1 }
pay:
  x: 0元
`);
  const result = run(rs, population(rs, { people: [person('A', 'x'), person('B', 'x'), person('C', 'x')], monthly: { '2026-01': [{ score: 70 }, { score: 60 }, { score: 60 }] } }));
  it('gives the lowest rank 1, ties shared', () => {
    expect(['A', 'B', 'C'].map((id) => rowOf(result.rows, id, '2026-01').values['倒数'])).toEqual([3, 1, 1]);
    expect(rowOf(result.rows, 'B', '2026-01').flags).toEqual(['末位']);
  });
});

describe('a ranked history and the same history read later in the body of the stage', () => {
  // rank(avg(score, 3个月)) writes its series at the end of the stage's loop. The star threshold key reads the same
  // avg(score, 3个月) in the loop's body (star formulas are made after every value): it needs this month's score
  // before the end of the loop, so it may not share that series.
  const rs = ruleSetOf(`
policy: { name: ranked-history }
inputs:
  score: number
values:
  名次: rank(avg(score, 3个月))
stars:
  levels: [1, 3]
  evaluate: quarter
  thresholds:
    keys:
      近三月: avg(score, 3个月)
    rows: { 1: { 近三月: 0 }, 2: { 近三月: 70 }, 3: { 近三月: 85 } }
pay:
  奖: if 名次 = 1 then 100元 else 0元
`);
  const month = [{ score: 90 }, { score: 60 }];
  const result = run(rs, population(rs, {
    people: [person('A', 'x', { star: 1 }), person('B', 'x', { star: 1 })],
    monthly: { '2026-01': month, '2026-02': month, '2026-03': month, '2026-04': month },
  }));
  it('rates on the months including this one, and ranks on the same average', () => {
    // April's rating: A (90 + 90 + 90) / 3 = 90 → 3★; B 60 → 1★ (not 60 and 40, as if April's score were missing).
    expect(rowOf(result.rows, 'A', '2026-04').star).toBe(3);
    expect(rowOf(result.rows, 'B', '2026-04').star).toBe(1);
    expect(rowOf(result.rows, 'A', '2026-04').values['名次']).toBe(1);
    expect(rowOf(result.rows, 'B', '2026-04').values['名次']).toBe(2);
  });
});

describe('series shared between rules and kept in the value\'s own column', () => {
  // 季度分 is read over the last quarter twice (a star threshold key and the quota's rank) and ranked twice: one series
  // each, and both are 季度分's own result column. B is absent in February: his quarter average skips that month.
  const rs = ruleSetOf(`
policy: { name: shared }
inputs:
  score: number
  bonus_base: money
values:
  季度分: score + 0
  名次: rank(季度分)
  名次2: rank(季度分)
  季均: avg(季度分, 上季度)
stars:
  levels: [1, 3]
  evaluate: quarter
  thresholds:
    keys:
      均分: avg(季度分, 上季度)
    rows: { 1: { 均分: 0 }, 2: { 均分: 80 }, 3: { 均分: 90 } }
  quota:
    - { star: 3, max: 1, rank_by: "avg(季度分, 上季度)" }
tables:
  星级奖: { by: star, unit: money, rows: { 1: 100, 2: 200, 3: 300 } }
pay:
  星级奖金: 星级奖[star]
  名次奖: if 名次2 = 1 then 50元 else 0元
`);
  const result = run(rs, population(rs, {
    people: [person('A', 'x', { star: 1 }), person('B', 'x', { star: 1 }), person('C', 'x', { star: 1 })],
    monthly: {
      '2026-01': [{ score: 92 }, { score: 95 }, { score: 70 }],
      '2026-02': [{ score: 94 }, undefined, { score: 85 }],
      '2026-03': [{ score: 90 }, { score: 89 }, { score: 80 }],
      '2026-04': [{ score: 60 }, { score: 99 }, { score: 80 }],
    },
  }));
  it('compiles the same history or ranked value to one series, kept as the value\'s own column', () => {
    const history = rs.series.filter((s) => s.use === 'history');
    const ranked = rs.series.filter((s) => s.use === 'population');
    expect(history).toHaveLength(1);
    expect(ranked).toHaveLength(1);
    const own = rs.outputs.findIndex((o) => o.name === '季度分');
    expect(history[0]!.output).toBe(own);
    expect(ranked[0]!.output).toBe(own);
  });
  it('averages only the months a person has a row, and rates and ranks on them', () => {
    const apr = (id: string) => rowOf(result.rows, id, '2026-04');
    // A: (92 + 94 + 90) / 3 = 92; B: (95 + 89) / 2 = 92 (February skipped, not read as 0); C: (70 + 85 + 80) / 3 = 78.33
    expect(apr('A').values['季均']).toBe(92);
    expect(apr('B').values['季均']).toBe(92);
    expect(apr('C').values['季均']).toBeCloseTo(78.3333, 3);
    // A and B both reach 3★ (≥ 90); the quota keeps one: tied at 92, the tie goes by id (A); B drops to 2★. C: 1★.
    expect([apr('A').star, apr('B').star, apr('C').star]).toEqual([3, 2, 1]);
    // April ranks on April's 季度分: B 99 first, C 80, A 60.
    expect([apr('A').values['名次'], apr('B').values['名次'], apr('C').values['名次']]).toEqual([3, 1, 2]);
    expect(apr('B').pay.lines.find((l) => l.name === '名次奖')!.amount).toBe('50.00');
    expect(apr('A').pay.total).toBe('300.00');
    expect(apr('B').pay.total).toBe('250.00');
  });
  it('ranks in a month without the absent person', () => {
    const feb = (id: string) => rowOf(result.rows, id, '2026-02');
    expect(feb('A').values['名次']).toBe(1);
    expect(feb('C').values['名次']).toBe(2);
    expect(result.rows.some((r) => r.employee === 'B' && r.month === '2026-02')).toBe(false);
  });
});

describe('manual moves only as the policy allows (issue 14)', () => {
  const policy = (extra: string) => ruleSetOf(`
policy: { name: manual }
ladder:
${extra}
  tracks:
    客服: [初级, 中级, 高级]
tables:
  底薪表: { by: tier, unit: money, rows: { 初级: 1700, 中级: 1800, 高级: 2000 } }
pay:
  底薪: 底薪表[tier]
`);
  const data = (rs: ReturnType<typeof ruleSetOf>, target: string, kind = 'promote.manual') => population(rs, {
    people: [person('A', 'x', { tier: '初级' })],
    monthly: { '2026-01': [{}], '2026-02': [{}] },
    events: { '2026-01': [{ person: 0, kind, count: 1, source: target }] },
  });
  it('refuses every manual move in a policy that declares none, even one without transitions', () => {
    const rs = policy('');
    const r = run(rs, data(rs, '中级'));
    expect(r.problems.map((p) => p.cause)).toEqual([expect.objectContaining({ kind: 'manualMove', from: '初级', to: '中级', why: 'notAccepted' })]);
  });
  it('accepts one step with manual_moves: one_step, but not a skip', () => {
    const rs = policy('  manual_moves: one_step');
    expect(run(rs, data(rs, '中级')).problems).toEqual([]);
    expect(rowOf(run(rs, data(rs, '中级')).rows, 'A', '2026-02').tier).toBe('中级');
    expect(run(rs, data(rs, '高级')).problems.map((p) => p.cause.kind === 'manualMove' && p.cause.why)).toEqual(['notAccepted']);
  });
  it('accepts any move with manual_moves: any, in the way its kind says', () => {
    const rs = policy('  manual_moves: 任意');
    expect(rowOf(run(rs, data(rs, '高级')).rows, 'A', '2026-02').tier).toBe('高级');
    expect(run(rs, data(rs, '高级', 'demote.manual')).problems.map((p) => p.cause.kind === 'manualMove' && p.cause.why)).toEqual(['wrongWay']);
    expect(run(rs, data(rs, '资深')).problems.map((p) => p.cause.kind === 'manualMove' && p.cause.why)).toEqual(['unknownTier']);
  });
});
