import {
  auditReport,
  BOARDS,
  CHECK_LINE_LABEL,
  columnIndex,
  finalReport,
  financialReport,
  statusReport,
  WOMEN_SHARE_MINIMUM,
  type ReportModel,
  type ReportNationYear,
  type ReportSheet,
} from '@samla/shared';
import { activityRow, smallNation, version } from './nation-fixture';
import { plain, sheetOf, sumOre, valueAt } from './report-reading';

const input = smallNation();

describe('the reporting round in the status report', () => {
  const model = statusReport(input);

  it('shows each submission’s review: accepted, returned for correction, or awaiting review', () => {
    expect(valueAt(model, 'Inlämningar', 'board', 'AB', 'activities:round')).toBe('Godkänd');
    expect(valueAt(model, 'Inlämningar', 'board', 'C', 'activities:round')).toBe('Återsänd för rättelse');
    expect(valueAt(model, 'Inlämningar', 'board', 'C', 'expenses:round')).toBe('Väntar på granskning');
    // I's version has no round entity (stored before rounds existed): it awaits review.
    expect(valueAt(model, 'Inlämningar', 'board', 'I', 'activities:round')).toBe('Väntar på granskning');
    expect(valueAt(model, 'Inlämningar', 'board', 'I', 'expenses:round')).toBeNull();
  });

  it('reads a round about an older version as awaiting review: a newer version came in', () => {
    const rounds = (input.rounds ?? []).map((round) => (round.board === 'AB' && round.template === 'activities' ? { ...round, version: 0 } : round));
    expect(valueAt(statusReport({ ...input, rounds }), 'Inlämningar', 'board', 'AB', 'activities:round')).toBe('Väntar på granskning');
  });

  it('says which boards had nothing to report, and highlights it', () => {
    const y2013 = input.years[0] as ReportNationYear;
    const nothing = { version: { ...version('D', 2013, 'expenses', 0, '2014-01-10T09:00:00Z'), warningCount: 0 }, rows: [] };
    const withD = {
      ...input,
      years: [
        {
          ...y2013,
          activities: [...y2013.activities, { version: version('D', 2013, 'activities', 1, '2014-01-10T09:00:00Z'), rows: [activityRow('D-1')] }],
          expenses: [...y2013.expenses, nothing],
        },
      ],
      rounds: [
        ...(input.rounds ?? []),
        { board: 'D' as const, year: 2013, template: 'expenses' as const, state: 'accepted' as const, version: 1, nothingToReport: true },
      ],
    };
    const report = statusReport(withD);
    expect(valueAt(report, 'Inlämningar', 'board', 'D', 'status')).toBe('Inget att redovisa: Kostnader');
    expect(valueAt(report, 'Inlämningar', 'board', 'D', 'expenses:round')).toBe('Godkänd');
    const highlights = sheetOf(report, 'Inlämningar').presentation?.highlights ?? [];
    expect(highlights).toContainEqual({ column: 'status', startsWith: 'Inget att redovisa', tone: 'notice' });
    expect(highlights).toContainEqual({ column: 'activities:round', startsWith: 'Återsänd för rättelse', tone: 'alert' });
    expect(highlights).toContainEqual({ column: 'expenses:round', startsWith: 'Väntar på granskning', tone: 'notice' });
  });

  it('sums up the round on the overview and names the returned submissions', () => {
    expect(valueAt(model, 'Översikt', 'item', 'Granskning', 'value')).toBe('2 godkända, 2 väntar på granskning, 1 återsänd för rättelse: C (Aktiviteter)');
  });
});

/** The per-board sheet's value for a board, a figure and a year. */
const perBoard = (model: ReportModel, board: string, key: string, year: number): unknown => valueAt(model, 'Per län och år', 'board', board, `${key}:${year}`);

describe('the final report per board, the years side by side', () => {
  const model = finalReport(input);

  it('has one line per board and a line summing them, every figure a formula that agrees with the rows', () => {
    const sheet = sheetOf(model, 'Per län och år');
    expect(sheet.rowCount).toBe(BOARDS.length + 1);
    expect(auditReport(model)).toEqual([]);
  });

  it('counts each board’s activities, participants by sex and grant-funded costs per year, from the submitted rows', () => {
    const rows = (year: number, board: string) =>
      input.years.find((entry) => entry.year === year)?.activities.find((entry) => entry.version.board === board)?.rows ?? [];
    for (const [board, year] of [
      ['AB', 2013],
      ['C', 2013],
      ['AB', 2014],
      ['I', 2014],
    ] as const) {
      const activities = rows(year, board);
      expect(perBoard(model, board, 'activities', year)).toBe(activities.length);
      expect(perBoard(model, board, 'women', year)).toBe(activities.reduce((sum, row) => sum + (row.participantsWomen ?? 0), 0));
      expect(perBoard(model, board, 'men', year)).toBe(activities.reduce((sum, row) => sum + (row.participantsMen ?? 0), 0));
      const costs = input.years.find((entry) => entry.year === year)?.expenses.find((entry) => entry.version.board === board)?.rows ?? [];
      expect(perBoard(model, board, 'grant', year)).toBe(sumOre(costs.filter((row) => row.funding === 'grant').map((row) => row.amount)));
    }
  });

  it(`shows the women's share only where at least ${WOMEN_SHARE_MINIMUM} participants have their sex given`, () => {
    // AB 2013: 12 + 3 women, 8 + 4 men; C 2013: 17 women, 8 men; I 2013: 12 + 8.
    expect(perBoard(model, 'AB', 'womenShare', 2013)).toBeCloseTo(15 / 27, 12);
    expect(perBoard(model, 'C', 'womenShare', 2013)).toBeCloseTo(17 / 25, 12);
    expect(perBoard(model, 'D', 'womenShare', 2013)).toBe('');
    const few = finalReport({
      ...input,
      years: [
        {
          year: 2013,
          activities: [
            { version: version('E', 2013, 'activities', 1, '2014-01-10T09:00:00Z'), rows: [activityRow('E-1', { participantsWomen: 5, participantsMen: 4 })] },
          ],
          expenses: [],
        },
      ],
    });
    expect(perBoard(few, 'E', 'women', 2013)).toBe(5);
    expect(perBoard(few, 'E', 'womenShare', 2013)).toBe('');
    const participants = sheetOf(few, 'Deltagare');
    const share = columnIndex(participants, 'womenShare');
    for (const cells of participants.rows()) expect(plain(cells[share])).toBe('');
    expect(auditReport(few)).toEqual([]);
  });

  it('holds the requisitions and the settlement, as the status report does', () => {
    for (const report of [model, statusReport(input)]) {
      expect(report.sheets.map((sheet) => sheet.name)).toEqual(expect.arrayContaining(['Rekvisitioner', 'Avräkning']));
      expect(valueAt(report, 'Avräkning', 'year', 2013, 'requisitioned')).toBe(350000.5);
      expect(valueAt(report, 'Avräkning', 'year', 2013, 'repaid')).toBe(10000);
    }
  });
});

describe('the Kontroll sheet', () => {
  it.each([statusReport(input), finalReport(input), financialReport(input)].map((model) => [model.fileName, model] as const))(
    '%s: one line per line of totals, every total of the checked sheets on it',
    (_name, model) => {
      const check = sheetOf(model, 'Kontroll');
      const lines = [...check.rows()];
      const counted = lines.reduce((sum, cells) => sum + Number(plain(cells[columnIndex(check, 'totals')])), 0);
      const checkedSheets = new Set(lines.map((cells) => plain(cells[0])));
      const totals = model.sheets
        .filter((sheet: ReportSheet) => checkedSheets.has(sheet.name))
        .flatMap((sheet) => [...sheet.rows()])
        // The overview's line saying whether all agree is the check's answer, not a total it checks.
        .filter((cells) => cells[0] !== CHECK_LINE_LABEL)
        .reduce((sum, cells) => sum + cells.filter((cell) => typeof cell === 'object' && cell !== null && 'formula' in cell).length, 0);
      expect(counted).toBe(totals);
      expect(lines.length).toBeLessThan(totals);
      expect(lines.every((cells) => plain(cells[columnIndex(check, 'agrees')]) === 'Ja')).toBe(true);
    },
  );
});
