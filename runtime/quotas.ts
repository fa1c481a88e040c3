// Star quotas as HR reads them after a rating: for each rating month and each quota, how many people it counted, the
// places that gave, how many reached its star, and who was held back one star below — with their place and rank
// key. What `ladder quota` prints; the run records it (MonthColumns.quotas), nothing is ranked again here.

import type { CheckedPolicy } from '../compiler/check/check.ts';
import { writtenText } from '../compiler/model/quantity.ts';
import type { Population } from './population.ts';
import type { RunResult } from './run.ts';

export interface QuotaReport {
  readonly month: string;
  /** The quota's label in the policy, or its star and share ("5★ 5%"). */
  readonly quota: string;
  /** The team counted, for a quota per team. */
  readonly team?: string;
  readonly star: number;
  /** The share or count as written ("5%", "3"). */
  readonly max: string;
  readonly counted: number;
  readonly places: number;
  readonly reached: number;
  readonly kept: number;
  readonly heldBack: readonly HeldBack[];
}

export interface HeldBack {
  readonly id: string;
  readonly name?: string;
  readonly team?: string;
  /** Place among those who reached the star: 1 is the best; places + 1 is the first held back. */
  readonly place: number;
  /** The rank key (rank_by), null when the person has none. */
  readonly key: number | null;
}


/** Every quota outcome of the run, month by month (months from `from` on, when given). */
export function quotaReports(checked: CheckedPolicy, pop: Population, result: RunResult, from?: string): QuotaReport[] {
  const quotas = checked.policy.stars?.quota ?? [];
  return result.months.flatMap((mc, m) => {
    const month = pop.months[m]!;
    if (from !== undefined && month < from) return [];
    return mc.quotas.map((o): QuotaReport => {
      const decl = quotas[o.quota]!;
      return {
        month, quota: decl.label ?? `${o.star}★ ${writtenText(decl.max)}`, ...(o.team !== undefined ? { team: o.team } : {}), star: o.star, max: writtenText(decl.max),
        counted: o.base, places: o.places, reached: o.qualifiers, kept: o.kept,
        heldBack: o.heldBack.map((h) => {
          const p = pop.people[h.person]!;
          return { id: p.id, ...(p.name !== undefined ? { name: p.name } : {}), ...(p.team !== undefined ? { team: p.team } : {}), place: h.place, key: Number.isNaN(h.key) ? null : h.key };
        }),
      };
    });
  });
}

/** One line saying what a quota did ("2026-04 C5 五星名额 5%: 95 counted, 4 places, 9 reached 5★, 5 held back at 4★"). */
export function quotaSummary(r: QuotaReport, lang: 'zh' | 'en'): string {
  const quota = r.team !== undefined ? `${r.quota} [${r.team || (lang === 'zh' ? '无组别' : 'no team')}]` : r.quota;
  return lang === 'zh'
    ? `${r.month} ${quota}：计入 ${r.counted} 人，名额 ${r.places} 个，达到 ${r.star}★ ${r.reached} 人，保留 ${r.kept} 人，降为 ${r.star - 1}★ ${r.heldBack.length} 人`
    : `${r.month} ${quota}: ${r.counted} counted, ${r.places} places, ${r.reached} reached ${r.star}★, ${r.kept} kept, ${r.heldBack.length} held back at ${r.star - 1}★`;
}

/** Everyone held back, a row each with the quota's figures beside them (CSV, and the terminal's table). */
export function heldBackTable(reports: readonly QuotaReport[]): { header: string[]; rows: string[][] } {
  const header = ['月份 month', '名额 quota', '计入 counted', '名额数 places', '达到 reached', '工号 id', '姓名 name', '组别 team', '名次 place', '排名依据 rank key', '评为 star'];
  const rows = reports.flatMap((r) => r.heldBack.map((h) => [
    r.month, r.quota, String(r.counted), String(r.places), String(r.reached), h.id, h.name ?? '', h.team ?? '', String(h.place),
    h.key === null ? '' : String(Math.round(h.key * 1e6) / 1e6), String(r.star - 1),
  ]));
  return { header, rows };
}
