// Ladder checks: cycles among tiers, tiers nobody can reach, and promotions/demotions that skip levels without a
// manual decision (seed A1, B3), go the wrong way, or cross tracks that are not declared equivalent (B1, B8).

import type { DiagnosticBag } from '../diagnostics/diagnostic.ts';
import { suggestName } from '../diagnostics/suggest.ts';
import { type Expr, childrenOf } from '../expr/ast.ts';
import type * as P from '../model/policy.ts';
import { checkPlaceholderName } from './amounts.ts';

export interface LadderGraph {
  readonly tiers: readonly string[];
  /** Tier → the tiers one step above it on some path. */
  readonly up: ReadonlyMap<string, readonly string[]>;
  readonly paths: readonly (readonly string[])[];
}

export function ladderGraph(ladder: P.LadderDecl | undefined): LadderGraph {
  const up = new Map<string, string[]>();
  const tiers: string[] = [];
  const paths: string[][] = [];
  for (const track of ladder?.tracks ?? []) {
    for (const path of track.paths) {
      const names = path.map((t) => t.name);
      // A branch lists the tier it leaves from first; without it, it hangs off the main path's first tier.
      paths.push(names);
      for (const n of names) if (!tiers.includes(n)) tiers.push(n);
      for (let i = 1; i < names.length; i++) {
        const list = up.get(names[i - 1]!) ?? [];
        if (!list.includes(names[i]!)) list.push(names[i]!);
        up.set(names[i - 1]!, list);
      }
    }
  }
  return { tiers, up, paths };
}

export function checkLadder(policy: P.ParsedPolicy, bag: DiagnosticBag): void {
  const ladder = policy.ladder;
  const graph = ladderGraph(ladder);
  const known = new Set(graph.tiers);
  const spanOf = new Map<string, P.Named>();
  for (const track of ladder?.tracks ?? []) for (const path of track.paths) for (const t of path) {
    if (!spanOf.has(t.name)) spanOf.set(t.name, t);
    checkPlaceholderName(bag, t.name, t.span);
  }
  const unknownTier = (t: P.Named): boolean => {
    if (known.has(t.name)) return false;
    const suggestion = suggestName(t.name, graph.tiers);
    bag.add('L032', t.span, { name: t.name }, suggestion ? { suggestion } : {});
    return true;
  };

  // Cycles: a tier met again while walking up from itself.
  const state = new Map<string, 'active' | 'done'>();
  const trail: string[] = [];
  const reported = new Set<string>();
  const visit = (tier: string): void => {
    state.set(tier, 'active');
    trail.push(tier);
    for (const next of graph.up.get(tier) ?? []) {
      if (state.get(next) === 'active') {
        const cycle = [...trail.slice(trail.indexOf(next)), next];
        const id = [...new Set(cycle)].sort().join('|');
        if (!reported.has(id)) {
          reported.add(id);
          const at = findRepeat(ladder, next) ?? spanOf.get(next)!;
          bag.add('L070', at.span, { cycle: cycle.join(' → ') });
        }
      } else if (!state.has(next)) visit(next);
    }
    trail.pop();
    state.set(tier, 'done');
  };
  for (const t of graph.tiers) if (!state.has(t)) visit(t);

  for (const e of ladder?.entry ?? []) unknownTier(e);
  for (const group of ladder?.equivalent ?? []) for (const t of group) unknownTier(t);
  for (const pl of policy.placement) unknownTier(pl.tier);
  for (const ev of policy.events) for (const row of ev.amountByTier ?? []) unknownTier(row.tier);

  for (const tr of policy.transitions) {
    const badFrom = !tr.fromAny && unknownTier(tr.from);
    const badTo = unknownTier(tr.to);
    if (badFrom || badTo || tr.fromAny) continue;
    checkTransition(tr, graph, ladder, bag);
  }

  // Reachability: from the entry tiers, along promotions if any are declared (else along the ladder), plus
  // placements, manual targets and equivalences.
  if (!ladder || graph.tiers.length === 0) return;
  const entries = ladder.entry.length ? ladder.entry.map((e) => e.name) : ladder.tracks.map((t) => t.paths[0]?.[0]?.name).filter((x): x is string => !!x);
  const reach = new Set<string>(entries);
  for (const pl of policy.placement) reach.add(pl.tier.name);
  const promotions = policy.transitions.filter((t) => t.direction === 'promotion');
  const edges = new Map<string, string[]>();
  const addEdge = (a: string, b: string) => edges.set(a, [...(edges.get(a) ?? []), b]);
  if (promotions.length) for (const p of promotions) for (const from of p.fromAny ? graph.tiers : [p.from.name]) addEdge(from, p.to.name);
  else for (const [a, list] of graph.up) for (const b of list) addEdge(a, b);
  for (const group of ladder.equivalent) for (const a of group) for (const b of group) if (a !== b) addEdge(a.name, b.name);
  const queue = [...reach];
  while (queue.length) {
    const t = queue.shift()!;
    for (const n of edges.get(t) ?? []) if (!reach.has(n)) { reach.add(n); queue.push(n); }
  }
  for (const t of graph.tiers) {
    if (!reach.has(t)) bag.add('L071', spanOf.get(t)!.span, { tier: t });
  }
}

function findRepeat(ladder: P.LadderDecl | undefined, name: string): P.Named | undefined {
  for (const track of ladder?.tracks ?? []) for (const path of track.paths) {
    const hits = path.filter((t) => t.name === name);
    if (hits.length > 1) return hits[hits.length - 1];
  }
  return undefined;
}

function checkTransition(tr: P.TransitionDecl, graph: LadderGraph, ladder: P.LadderDecl | undefined, bag: DiagnosticBag): void {
  // Of every path that has both tiers, the one on which the move is longest: a move that skips a level on some track
  // is a skip whichever track is written first (issue 19: L072 fired in one track order and not in the other).
  const span = (p: readonly string[]) => Math.abs(p.indexOf(tr.to.name) - p.indexOf(tr.from.name));
  const common = graph.paths.filter((p) => p.includes(tr.from.name) && p.includes(tr.to.name))
    .reduce<readonly string[] | undefined>((best, p) => (!best || span(p) > span(best) ? p : best), undefined);
  if (!common) {
    const equivalent = (ladder?.equivalent ?? []).some((g) => g.some((t) => t.name === tr.from.name) && g.some((t) => t.name === tr.to.name));
    if (!equivalent && !tr.manual) bag.add('L073', tr.to.span, { from: tr.from.name, to: tr.to.name });
    return;
  }
  const steps = common.indexOf(tr.to.name) - common.indexOf(tr.from.name);
  const upward = tr.direction === 'promotion';
  if ((upward && steps <= 0) || (!upward && steps >= 0)) {
    bag.add('L074', tr.to.span, {
      kind: tr.direction, kindZh: upward ? '晋升' : '降级', from: tr.from.name, to: tr.to.name, dir: upward ? 'above' : 'below',
    });
    return;
  }
  if (Math.abs(steps) > 1 && !tr.manual) bag.add('L072', tr.to.span, { from: tr.from.name, to: tr.to.name, steps: Math.abs(steps) - 1 });
  if (upward && tr.when?.parsed) {
    // Seed E2: 高级 asks for a year "as 初级", two tiers down: time in a tier other than the one left is suspicious.
    const p = tr.when.parsed;
    for (const call of callsIn(p.tree, 'months_in')) {
      const arg = call.args[0];
      const below = common.slice(0, common.indexOf(tr.from.name));
      if (arg?.kind === 'name' && arg.name !== tr.from.name && below.includes(arg.name)) {
        bag.add('L075', p.spanOf(call.start, call.end), { from: tr.from.name, tier: arg.name });
      }
    }
  }
}

function callsIn(e: Expr, name: string): Extract<Expr, { kind: 'call' }>[] {
  const own = e.kind === 'call' && (e.callee === name || e.callee === '任职月数') ? [e] : [];
  return [...own, ...childrenOf(e).flatMap((c) => callsIn(c, name))];
}
