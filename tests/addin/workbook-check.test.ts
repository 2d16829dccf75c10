import { ACTIVITIES_TEMPLATE, LUJ_INITIATIVE, serialFromIsoDate } from '@samla/shared';
import { checkSnapshots } from '../../addin/src/taskpane/checking/workbook-check';
import { headerRow } from '../../addin/src/taskpane/excel/template-layout';
import type { TableSnapshot } from '../../addin/src/taskpane/excel/workbook-port';
import { LATER_2021_2022 } from '../support/later-initiatives';

function activities(start: string, end: string): TableSnapshot {
  const row: Record<string, unknown> = {
    activityId: 'A-1',
    strand: 'Samordning',
    activityType: 'Nätverksträff',
    title: 'Nätverksträff för JI-samordnare',
    startDate: serialFromIsoDate(start),
    endDate: serialFromIsoDate(end),
    targetGroup: 'Handläggare',
    participantsWomen: 10,
    participantsMen: 8,
    participantsUnspecified: 0,
    hours: 3,
    learningExample: 'Nej',
    status: 'Planerad',
  };
  const values = [headerRow('activities'), ACTIVITIES_TEMPLATE.columns.map((column) => row[column.key] ?? '')];
  return { template: 'activities', sheet: 'Aktiviteter', origin: { row: 1, column: 1 }, values };
}

describe('the workbook check judges by the initiative the pane got from the server', () => {
  it('accepts an activity in a year of the server’s initiative that the built-in one does not have', () => {
    const sheet = activities('2021-03-01', '2021-03-02');
    expect(checkSnapshots([sheet], 2021, 'sv', LATER_2021_2022).errors).toBe(0);
    expect(checkSnapshots([sheet], 2021, 'sv', LUJ_INITIATIVE).errors).toBeGreaterThan(0);
  });

  it('holds an end date to the server’s initiative end, not the built-in one', () => {
    const check = checkSnapshots([activities('2022-12-30', '2023-01-02')], 2022, 'sv', LATER_2021_2022);
    expect(check.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.cell)).toEqual(['Aktiviteter!F2']);
    expect(check.issues.find((issue) => issue.cell === 'Aktiviteter!F2')?.message).toContain('2022-12-31');
  });
});
