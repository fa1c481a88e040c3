// Generates a large, valid policy text (about `lines` lines) that exercises every compiler stage:
// inputs, values with chains of dependencies, tables, bands, deductions, a score sheet and pay lines.

export function largePolicy(lines = 1000): string {
  const out: string[] = ['policy:', '  name: 基准：大型策略', '  effective: { from: 2026-01, to: 2026-12 }', 'inputs:'];
  const inputs = 40;
  for (let i = 0; i < inputs; i++) out.push(`  指标${i}: ${['number', 'money', 'percent', 'count'][i % 4]}`);
  out.push('ladder:', '  tracks:', '    客服: [初级, 中级, 高级, 资深]');
  out.push('stars:', '  levels: [0, 5]');
  out.push('tables:', '  星级绩效:', '    by: star', '    unit: money', '    rows: { 0: 0, 1: 600, 2: 900, 3: 1200, 4: 1500, 5: 1800 }');
  out.push('  基本工资:', '    by: tier', '    unit: money', '    rows: { 初级: 1700, 中级: 1800, 高级: 2000, 资深: 2300 }');
  out.push('deductions:', '  违规扣分:', '    classes: { 轻度: {}, 中度: {} }', '    items:');
  for (let i = 0; i < 20; i++) out.push(`      违规项${i}: { class: ${i % 2 ? '中度' : '轻度'}, points: ${i % 5 + 1} }`);
  out.push('    escalation:', '      - { when: "distinct(中度) >= 2 or distinct(轻度) >= 4", points: 20 }');
  out.push('bands:');
  const bandTables = 10;
  for (let b = 0; b < bandTables; b++) {
    out.push(`  等级${b}:`, `    of: 指标${(b * 4) % inputs}`, '    bands:', '      - { range: ">= 90", value: A }', '      - { range: "[80, 90)", value: B }', '      - { range: "[60, 80)", value: C }', '      - { range: "< 60", value: D }');
  }
  out.push('values:');
  let v = 0;
  while (out.length < lines - 60) {
    const a = `指标${(v * 4) % inputs}`;
    const prev = v > 0 ? `值${v - 1}` : '0';
    out.push(`  值${v}: if ${a} >= ${60 + (v % 30)} and 违规扣分 < ${5 + (v % 10)} then ${prev} + ${a} * ${1 + (v % 3)} else max(${prev}, ${a} - ${v % 7})`);
    v++;
  }
  out.push('pay:');
  out.push('  岗位工资: 基本工资[tier]', '  绩效工资: 星级绩效[star] * 指标0%');
  for (let i = 0; out.length < lines - 2; i++) out.push(`  津贴${i}: clamp(指标${(i * 4 + 1) % inputs} * ${(i % 9) + 1}% + ${i}元, 0元, 5000元)`);
  out.push('flags:', `  预警: { when: "值${v - 1} < 60 and count(违规项1) > 0" }`);
  return out.join('\n') + '\n';
}
