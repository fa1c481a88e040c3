// The plan printed as JavaScript: one function per stage, a loop over the people of the month. Only the plan's own
// numbered columns and finite numbers appear in it (strings and enum values are indexes), so no policy text can.

import { type ColumnRead, type Lowered, type PlanLine, type StateName, readsOf } from '../plan/plan.ts';
import { jsNumber } from './escape.ts';
import { withinHelper } from './helpers.ts';

/** What the printer needs besides the lines: how the plan's tables and dated parameters are named in the source. */
export interface PrintContext {
  /** The stage parameter or prelude constant holding table k's cells for the month (tb<k>). */
  readonly tableName: (table: number) => string;
  /** Dated parameters by slot: the name a stage reads (tb<k> or dv<k>) and the prelude array of its versions. */
  readonly dated: readonly { readonly name: string; readonly versions: string }[];
}

const bit = (condition: string): string => `(${condition} ? 1 : 0)`;

function number(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return jsNumber(n);
}

/** Lines printed inside one loop: an output assigned earlier in the same loop is read from its local. */
class LoopPrinter {
  private readonly locals = new Set<number>();

  constructor(private readonly ctx: PrintContext) {}

  line(l: PlanLine): string {
    const code = this.expr(l.expr);
    const t = l.target;
    switch (t.to) {
      case 'temp': return `const t${t.temp} = ${code};`;
      case 'series': return `H${t.series}m[i] = ${code};`;
      case 'output':
        this.locals.add(t.slot);
        return `const v${t.slot} = ${code}; O${t.slot}[i] = v${t.slot};`;
    }
  }

  private read(r: ColumnRead): string {
    switch (r.from) {
      case 'input': return `I${r.index}[i]`;
      case 'output': return this.locals.has(r.slot) ? `v${r.slot}` : `O${r.slot}[i]`;
      case 'temp': return `t${r.temp}`;
      case 'state': return `S_${r.name}[i]`;
      case 'event': return `E${r.column}[i]`;
      case 'population': return `P${r.column}[i]`;
    }
  }

  expr(e: Lowered): string {
    const x = (y: Lowered) => this.expr(y);
    switch (e.op) {
      case 'num': return number(e.value);
      case 'read': return this.read(e.read);
      case 'neg': return `(-${x(e.x)})`;
      case 'not': return bit(`!${x(e.x)}`);
      case 'truth': return bit(x(e.x));
      case 'arith': return `(${x(e.a)} ${e.fn} ${x(e.b)})`;
      case 'logic': return `(${x(e.a)} ${e.fn} ${x(e.b)})`;
      case 'compare': return bit(`${x(e.a)} ${e.fn} ${x(e.b)}`);
      case 'tierLevel': return `tierLevel[${x(e.x)}]`;
      case 'cond': return `(${x(e.test)} ? ${x(e.then)} : ${x(e.else)})`;
      case 'sum': return `(${e.terms.map(x).join(' + ') || '0'})`;
      // floor and ceil through helpers that read a float a billionth off a whole number as that number (helpers.ts).
      case 'math': return e.fn === 'floor' || e.fn === 'ceil' ? `${e.fn}X(${x(e.args[0]!)})` : `Math.${e.fn}(${e.args.map(x).join(', ')})`;
      case 'round': return `roundTo(${x(e.x)}, ${x(e.digits)})`;
      // The helper's name is one of a closed set (CalendarFn), the same names STAGE_HELPERS binds.
      case 'calendar': return `${e.fn}(${e.args.map(x).join(', ')})`;
      case 'within': return `${withinHelper(e.loClosed, e.hiClosed)}(${x(e.x)}, ${x(e.lo)}, ${x(e.hi)})`;
      case 'table': return `(${this.ctx.tableName(e.table)}[${x(e.key)}] ?? NaN)`;
      case 'datedValue': return `dv${e.value}`;
      case 'history': {
        const helper = { avg: 'hAvg', sum: 'hSum', min: 'hMin', max: 'hMax', count: 'hCount' }[e.fn];
        return `${helper}(H${e.series}, W[${2 * e.window}], W[${2 * e.window + 1}], i)`;
      }
      case 'prev': return `hPrev(H${e.series}, m, ${x(e.back)}, i)`;
      case 'streak': return `hStreak(H${e.series}, m, i)`;
      case 'monthsIn': { const t = x(e.tier); return `(MI[${t}] ? MI[${t}][i] : 0)`; }
      case 'eventWindow': return `evWin(EV, ${e.column}, W[${2 * e.window}], W[${2 * e.window + 1}], i)`;
      case 'monthsSince': return `(m - Math.max(${e.kinds.map((k) => `EVL[${k}][i]`).join(', ') || '-Infinity'}))`;
    }
  }
}

/**
 * One function per stage. A stage with rating formulas (computed only in the months stars are re-rated) is two
 * loops, one with them and one without, so that neither has lines that run only in some months: V8 would compile
 * such a line without type feedback and throw the whole stage back to the interpreter when a rating month first
 * reaches it.
 */
export function printStage(name: string, lines: readonly PlanLine[], ctx: PrintContext): string {
  if (!lines.some((l) => l.ratingOnly)) return printLoop(name, lines, ctx);
  return [
    `function ${name}(a) { if (a.rating) ${name}$rating(a); else ${name}$month(a); }`,
    printLoop(`${name}$rating`, lines, ctx),
    printLoop(`${name}$month`, lines.filter((l) => !l.ratingOnly), ctx),
  ].join('\n');
}

function printLoop(name: string, lines: readonly PlanLine[], ctx: PrintContext): string {
  const printer = new LoopPrinter(ctx);
  const body = lines.map((l) => printer.line(l));
  // This month's columns are bound once, before the loop: an event count EV[m][c] as E<c>, a series' month H<k>[m] as
  // H<k>m, a state column S.<name> as S_<name> (the loop reads plain locals, nothing it must re-load).
  const reads = readsOf(lines);
  const assigned = new Set(lines.flatMap((l) => (l.target.to === 'output' ? [l.target.slot] : [])));
  const seriesWritten = new Set(lines.flatMap((l) => (l.target.to === 'series' ? [l.target.series] : [])));
  const outputs = new Set([...assigned, ...reads.outputs]);
  const sorted = (s: Iterable<number>) => [...s].sort((a, b) => a - b);
  const binds = [
    ...sorted(reads.inputs).map((k) => ({ name: `I${k}`, from: `a.I[${k}]` })),
    ...sorted(outputs).map((k) => ({ name: `O${k}`, from: `a.O[${k}]` })),
    ...sorted(reads.series).map((k) => ({ name: `H${k}`, from: `a.H[${k}]` })),
    ...sorted(seriesWritten).map((k) => ({ name: `H${k}m`, from: `a.H[${k}][a.m]` })),
    ...sorted(reads.population).map((k) => ({ name: `P${k}`, from: `a.P[${k}]` })),
    ...sorted(reads.events).map((k) => ({ name: `E${k}`, from: `a.EV[a.m][${k}]` })),
    ...[...reads.states].sort().map((st: StateName) => ({ name: `S_${st}`, from: `a.S.${st}` })),
    ...ctx.dated.flatMap((d, slot) => (reads.tables.some((t) => ctx.tableName(t) === d.name) || reads.datedValues.some((v) => `dv${v}` === d.name)
      ? [{ name: d.name, from: `${d.versions}[a.TV[${slot}]]` }] : [])),
  ];
  // The loop is a function of its columns, called by a small one that finds them: the loop then starts without a
  // single property or element read, which V8 would otherwise compile blind (they run before its type feedback
  // exists) and later throw the loop back to the interpreter for.
  const params = ['n', 'm', 'S', 'EV', 'EVL', 'W', 'MI', 'active', ...binds.map((b) => b.name)];
  const args = ['a.n', 'a.m', 'a.S', 'a.EV', 'a.EVL', 'a.W', 'a.MI', 'a.S.active', ...binds.map((b) => b.from)];
  return [
    `function ${name}(a) { ${name}$loop(${args.join(', ')}); }`,
    `function ${name}$loop(${params.join(', ')}) {`,
    '  for (let i = 0; i < n; i++) {',
    '    if (active[i] === 0) continue;',
    ...body.map((b) => '    ' + b),
    '  }',
    '}',
  ].join('\n');
}
