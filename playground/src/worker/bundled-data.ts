// The sample population shipped with the playground (examples/sample: 200 people × 12 months), bundled as text so
// the built site works offline from any file server. Each policy's own violations are kept apart, as on disk.

import { tableFromCsv } from '../../../runtime/data/csv.ts';
import type { Table } from '../../../runtime/data/load.ts';
import type { DataTables } from '../engine/session.ts';
import employees from '../../../examples/sample/employees.csv?raw';
import monthly from '../../../examples/sample/monthly.csv?raw';
import events from '../../../examples/sample/events.csv?raw';

const violations = import.meta.glob('../../../examples/sample/violations/*.csv', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function sampleData(): DataTables {
  const policyEvents: Record<string, Table> = {};
  for (const [path, text] of Object.entries(violations)) {
    const base = path.split('/').pop()!.replace(/\.csv$/, '');
    policyEvents[base] = tableFromCsv(`violations/${base}.csv`, text);
  }
  return {
    label: 'examples/sample',
    employees: tableFromCsv('employees.csv', employees),
    monthly: tableFromCsv('monthly.csv', monthly),
    events: tableFromCsv('events.csv', events),
    policyEvents,
  };
}
