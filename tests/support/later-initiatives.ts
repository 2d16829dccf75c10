import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LUJ_INITIATIVE, parseInitiativeSettings, type InitiativeSettings } from '@samla/shared';

/*
 * Initiatives other than LUJ, as a server's SAMLA_INITIATIVE_FILE holds them: other years, dates and ceilings with
 * LUJ's boards and lists. Tests use them to show that the server, the pane and the checks read the initiative from the
 * settings and name none of LUJ's years themselves.
 */

/** 2020–2021: ceilings 500 000 and 700 000 kr, the status report for 2020 due 2021-01-31. */
export const LATER_2020_2021: InitiativeSettings = parseInitiativeSettings({
  ...LUJ_INITIATIVE,
  key: 'later',
  shortName: 'SENARE',
  startDate: '2020-01-01',
  endDate: '2021-12-31',
  years: [
    { year: 2020, ceiling: 500_000, requisitionDeadline: '2020-09-30', repaymentDeadline: '2021-03-01' },
    { year: 2021, ceiling: 700_000, requisitionDeadline: '2021-09-30', repaymentDeadline: '2022-03-01' },
  ],
  statusReport: { year: 2020, due: '2021-01-31' },
  finalReport: { due: '2022-03-01' },
});

/** 2021–2022: ceilings 2 000 000 and 2 500 000 kr, the status report for 2021 due 2022-01-31. */
export const LATER_2021_2022: InitiativeSettings = parseInitiativeSettings({
  ...LUJ_INITIATIVE,
  key: 'later-2021-2022',
  shortName: 'JUL',
  startDate: '2021-01-01',
  endDate: '2022-12-31',
  years: [
    { year: 2021, ceiling: 2_000_000, requisitionDeadline: '2021-09-30', repaymentDeadline: '2022-03-01' },
    { year: 2022, ceiling: 2_500_000, requisitionDeadline: '2022-09-01', repaymentDeadline: '2023-03-01' },
  ],
  statusReport: { year: 2021, due: '2022-01-31' },
  finalReport: { due: '2023-03-01' },
});

/** An initiative written as a settings file in a temporary folder, for `SAMLA_INITIATIVE_FILE`; `remove()` deletes it. */
export function initiativeFile(settings: InitiativeSettings): { readonly file: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'samla-initiative-'));
  const file = path.join(dir, 'initiative.json');
  writeFileSync(file, JSON.stringify(settings));
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
