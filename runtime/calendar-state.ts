// The state a person's dates give them in a month — tenure, probation, age … — for one person at a time (explain).
// The runner fills the same values as whole columns in its month loop (run.ts); both follow these definitions:
// a month counts from the hire month; regular from the month of the regular date; age in whole years.

import { type Person, monthNumber } from './population.ts';

export type CalendarStateName = 'tenure' | 'cs_tenure' | 'employment_month' | 'regular' | 'probation' | 'age' | 'month_of_year';

export function calendarState(p: Person, month: string): Readonly<Record<CalendarStateName, number | boolean>> {
  const m = monthNumber(month);
  const tenure = m - monthNumber(p.hireDate);
  const regular = p.regularDate !== undefined && monthNumber(p.regularDate) <= m;
  return {
    tenure,
    cs_tenure: m - monthNumber(p.csStartDate ?? p.hireDate),
    employment_month: tenure + 1,
    regular,
    probation: !regular,
    age: p.birthDate ? Math.floor((m - monthNumber(p.birthDate)) / 12) : NaN,
    month_of_year: (m % 12) + 1,
  };
}
