// The data columns a policy's score sheets read: one per item, or one per item and rater.

import type * as P from './policy.ts';

/** The data columns of one score-sheet item: `section.item`, or one per rater `section.item@rater`; its code is an alias. */
export function itemColumns(sheet: P.ScoreSheetDecl, section: P.ScoreSection, item: P.ScoreItem): { name: string; aliases: string[]; rater?: string }[] {
  const column = `${section.name}.${item.name}`;
  if (sheet.raters.length === 0) return [{ name: column, aliases: item.code ? [item.code] : [] }];
  return sheet.raters.map((r) => ({ name: `${column}@${r.name}`, aliases: item.code ? [`${item.code}@${r.name}`] : [], rater: r.name }));
}
