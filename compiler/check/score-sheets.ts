// Score-sheet checks: weights that add up to 100%, section weights that agree with their items' points (seed A,
// defect 1), rubric values within an item's points, raters' weights.

import type { DiagnosticBag } from '../diagnostics/diagnostic.ts';
import type * as P from '../model/policy.ts';
import { percentText } from '../model/quantity.ts';
import { checkAmount, measure, quantityOf, weightFraction } from './amounts.ts';

const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

export function checkScoreSheets(policy: P.ParsedPolicy, bag: DiagnosticBag): void {
  for (const sheet of policy.scoreSheets) {
    checkAmount(bag, sheet.base, 'base', { en: 'base points', zh: '基础分' });
    checkAmount(bag, sheet.cap, 'cap', { en: 'the maximum score', zh: '满分上限' });
    for (const r of sheet.raters) checkAmount(bag, r.weight, r.name, { en: "the rater's weight", zh: '评分人权重' });
    const raterWeights = sheet.raters.map((r) => weightFraction(r.weight));
    if (sheet.raters.length && raterWeights.every((w) => w !== undefined)) {
      const sum = raterWeights.reduce((a, b) => a! + b!, 0)!;
      if (!close(sum, 1)) bag.add('L050', sheet.ratersSpan ?? sheet.span, { what: 'rater', whatZh: '评分人', sum: percentText(sum) });
    }
    const weights = sheet.sections.map((s) => weightFraction(s.weight));
    if (weights.some((w) => w !== undefined) && weights.every((w) => w !== undefined)) {
      const sum = weights.reduce((a, b) => a! + b!, 0)!;
      if (!close(sum, 1)) bag.add('L050', sheet.sectionsSpan, { what: 'section', whatZh: '各部分', sum: percentText(sum) });
    }
    for (const section of sheet.sections) {
      checkAmount(bag, section.weight, 'weight', { en: "the section's weight", zh: '部分权重' });
      for (const item of section.items) {
        checkAmount(bag, item.points, item.name, { en: "the item's points", zh: '该项分值' });
        checkAmount(bag, item.weight, item.name, { en: "the item's weight", zh: '该项权重' });
        const max = quantityOf(item.points);
        const rubric = item.rubric ?? section.rubric;
        if (max && rubric) {
          for (const v of rubric.values) if (v > max.value || v < 0) bag.add('L052', rubric.span, { value: v, max: max.value });
        }
      }
      const itemWeights = section.items.map((i) => weightFraction(i.weight));
      if (itemWeights.some((w) => w !== undefined) && itemWeights.every((w) => w !== undefined)) {
        const sum = itemWeights.reduce((a, b) => a! + b!, 0)!;
        if (!close(sum, 1)) bag.add('L050', section.span, { what: `items of '${section.name}'`, whatZh: `“${section.name}”各项`, sum: percentText(sum) });
      }
      // With raw points, a section weighted 40% of a 100-point sheet must offer 40 points.
      const w = weightFraction(section.weight);
      const points = section.items.map((i) => quantityOf(i.points));
      if (sheet.scale === 'points' && w !== undefined && points.length && points.every((p) => p !== undefined)) {
        const total = points.reduce((a, p) => a + measure(p!).value, 0);
        if (!close(total, w * 100)) {
          bag.add('L051', section.span, { section: section.name, weight: percentText(w), points: Math.round(total * 1e6) / 1e6 });
        }
      }
    }
  }
}
