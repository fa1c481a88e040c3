// The generator's options, checked the same way wherever they come from (`ladder gen` flags, the playground's
// data panel): every problem at once, in Chinese and English, before anything is generated.

import { z } from 'zod';

const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const genOptionsSchema = z.object({
  people: whole(1, 1_000_000).default(200),
  months: whole(1, 1200).default(12),
  seed: whole(0, 0xffffffff).default(1),
  from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).default('2026-01'),
});

export type GenSettings = z.infer<typeof genOptionsSchema>;

const EXPECTED: Readonly<Record<keyof GenSettings, { zh: string; en: string }>> = {
  people: { zh: '--people N：1 至 1,000,000 的整数', en: '--people N: a whole number from 1 to 1,000,000' },
  months: { zh: '--months M：1 至 1200 的整数', en: '--months M: a whole number from 1 to 1200' },
  seed: { zh: '--seed S：0 至 4294967295 的整数', en: '--seed S: a whole number from 0 to 4294967295' },
  from: { zh: '--from YYYY-MM：起始月份', en: '--from YYYY-MM: the first month' },
};

/** Reads raw option values (text from flags or a form); blank or missing values take their defaults. */
export function parseGenOptions(raw: Readonly<Record<string, unknown>>): { ok: true; options: GenSettings } | { ok: false; problems: { option: string; zh: string; en: string }[] } {
  const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const r = genOptionsSchema.safeParse(given);
  if (r.success) return { ok: true, options: r.data };
  const options = [...new Set(r.error.issues.map((i) => String(i.path[0])))] as (keyof GenSettings)[];
  return { ok: false, problems: options.map((o) => ({ option: o, ...EXPECTED[o] })) };
}
