import { auditReport, BOARDS, columnIndex, finalReport, financialReport, SHEET_NAMES, statusReport, type ExpenseRow } from '@samla/shared';
import { smallNation } from './nation-fixture';
import { plain, sheetOf, sumOre, valueAt } from './report-reading';

const input = smallNation();
const expenseRows = (year: number): ExpenseRow[] =>
  input.years.filter((entry) => entry.year === year).flatMap((entry) => entry.expenses.flatMap((board) => board.rows));

describe('the status report model', () => {
  const model = statusReport(input);

  it('is named for its year and holds every sheet under its Swedish name', () => {
    expect(model.fileName).toBe('Samla-lagesrapport-2013.xlsx');
    expect(model.sheets.map((sheet) => sheet.name)).toEqual([
      'Översikt',
      'Aktiviteter',
      'Deltagare',
      'Kostnader',
      'Kostnader per län',
      'Takbelopp',
      'Rekvisitioner',
      'Avräkning',
      'Inlämningar',
      'Kontroll',
      'Kontroll källor',
    ]);
    for (const sheet of model.sheets) expect(sheet.name.length).toBeLessThanOrEqual(31);
  });

  it('takes only the reported year', () => {
    expect(sheetOf(model, 'Aktiviteter').rowCount).toBe(5);
    expect(sheetOf(model, 'Kostnader').rowCount).toBe(6);
  });

  it('keeps the template labels for template columns and shows list values in Swedish', () => {
    const activities = sheetOf(model, 'Aktiviteter');
    expect(activities.columns.map((column) => column.label).slice(0, 4)).toEqual(['Län', 'År', 'Aktivitets-ID', 'Uppdragsdel']);
    const first = [...activities.rows()][0];
    expect(first?.slice(0, 4)).toEqual(['AB', 2013, 'AB-1', 'Kompetensutveckling']);
  });

  it('stores with every total exactly what its formula computes over the detail rows', () => {
    expect(auditReport(model)).toEqual([]);
  });

  it('counts grant-funded costs in whole öre, equal to a sum of the submitted rows', () => {
    const grant = sumOre(
      expenseRows(2013)
        .filter((row) => row.funding === 'grant')
        .map((row) => row.amount),
    );
    expect(valueAt(model, 'Takbelopp', 'year', 2013, 'grant')).toBe(grant);
    expect(grant).toBe(261900.6);
    expect(valueAt(model, 'Kostnader per län', 'boardName', 'Summa 2013', 'total')).toBe(sumOre(expenseRows(2013).map((row) => row.amount)));
    expect(valueAt(model, 'Kostnader per län', 'board', 'AB', 'grant:purchased-services')).toBe(0.3);
  });

  it('splits participants by sex with totals and the share of women', () => {
    expect(valueAt(model, 'Deltagare', 'strand', 'Summa 2013', 'women')).toBe(12 + 3 + 5 + 12 + 12);
    expect(valueAt(model, 'Deltagare', 'strand', 'Summa 2013', 'total')).toBe(44 + 28 + 3);
    expect(valueAt(model, 'Deltagare', 'strand', 'Summa 2013', 'womenShare')).toBeCloseTo(44 / 72);
  });

  it('names the boards that have not submitted and counts those that have', () => {
    expect(valueAt(model, 'Översikt', 'item', 'Inlämnade län (båda mallarna)', 'value')).toBe(2);
    const missing = valueAt(model, 'Översikt', 'item', 'Län som saknas', 'value') as string;
    expect(missing).toContain('I (Kostnader)');
    expect(missing.split(', ')).toHaveLength(BOARDS.length - 2);
  });

  it('marks a submission after the due day as late and one on the due day, Swedish time, as in time', () => {
    expect(valueAt(model, 'Inlämningar', 'board', 'C', 'activities:timing')).toBe('Försenad (efter 2014-01-31)');
    // 22:30 UTC on 31 January is 23:30 in Stockholm: still the due day.
    expect(valueAt(model, 'Inlämningar', 'board', 'AB', 'activities:timing')).toBe('I tid');
    expect(valueAt(model, 'Inlämningar', 'board', 'AB', 'activities:submittedAt')).toBe('2014-01-31T23:30:00');
    expect(valueAt(model, 'Inlämningar', 'board', 'C', 'expenses:warnings')).toBe(2);
  });

  it('shows the margin to the ceiling when costs are within it', () => {
    expect(valueAt(model, 'Takbelopp', 'year', 2013, 'margin')).toBe(1_400_000 - 261900.6);
    expect(valueAt(model, 'Takbelopp', 'year', 2013, 'assessment')).toBe('Inom taket');
  });
});

describe('the final report model', () => {
  const model = finalReport(input);

  it('judges each year’s submissions by that year’s due day, as the round does (2013 by 2014-01-31, 2014 by 2015-03-01)', () => {
    const sheet = sheetOf(model, 'Inlämningar');
    const timing = (year: number, board: string): unknown => {
      const row = [...sheet.rows()].find((cells) => plain(cells[columnIndex(sheet, 'year')]) === year && plain(cells[columnIndex(sheet, 'board')]) === board);
      return row && plain(row[columnIndex(sheet, 'activities:timing')]);
    };
    expect(timing(2013, 'C')).toBe('Försenad (efter 2014-01-31)');
    expect(timing(2013, 'AB')).toBe('I tid');
    // Submitted 2014-12-20: long after the status report's day, well before the final report's.
    expect(timing(2014, 'AB')).toBe('I tid');
  });

  it('covers both years, with results, effects and learning examples', () => {
    expect(model.fileName).toBe('Samla-slutredovisning-2013-2014.xlsx');
    expect(model.sheets.map((sheet) => sheet.name)).toEqual([
      'Översikt',
      'Sammanfattning per år',
      'Per län och år',
      'Aktiviteter',
      'Resultat och effekter',
      'Lärande exempel',
      'Deltagare',
      'Kostnader',
      'Kostnader per län',
      'Takbelopp',
      'Rekvisitioner',
      'Avräkning',
      'Inlämningar',
      'Kontroll',
      'Kontroll källor',
    ]);
    expect(sheetOf(model, SHEET_NAMES.results).rowCount).toBe(5);
    const examples = [...sheetOf(model, SHEET_NAMES.learningExamples).rows()];
    expect(examples.map((row) => row[2])).toEqual(['AB-2', 'C-2']);
    expect(examples[1]).toContain('https://www.jamstall.nu/c2');
  });

  it('flags a year whose grant-funded costs exceed its ceiling', () => {
    expect(valueAt(model, 'Takbelopp', 'year', 2014, 'assessment')).toBe('Överskrider taket');
    expect(valueAt(model, 'Takbelopp', 'year', 2014, 'margin')).toBe(-0.01);
  });

  it('sums the years in its per-year summary', () => {
    expect(valueAt(model, 'Sammanfattning per år', 'missing', 'Summa', 'activities')).toBe(6);
    expect(valueAt(model, 'Sammanfattning per år', 'missing', 'Summa', 'grant')).toBe(sumOre([261900.6, 3_100_000.01]));
    expect(valueAt(model, 'Sammanfattning per år', 'year', 2013, 'completed')).toBe(4);
  });

  it('stores with every total what its formula computes', () => {
    expect(auditReport(model)).toEqual([]);
  });
});

describe('the financial report model', () => {
  const model = financialReport(input);

  it('holds every cost line with its board and year', () => {
    expect(model.fileName).toBe('Samla-ekonomisk-redovisning-2013-2014.xlsx');
    expect(model.sheets.map((sheet) => sheet.name)).toEqual([
      'Översikt',
      'Kostnader',
      'Kostnader per län',
      'Rekvisitioner',
      'Avräkning',
      'Kontroll',
      'Kontroll källor',
    ]);
    expect(sheetOf(model, 'Kostnader').rowCount).toBe(7);
    expect(sheetOf(model, 'Kostnader').columns.map((column) => column.label)).toEqual([
      'Län',
      'År',
      'Kostnads-ID',
      'Bokföringsdatum',
      'Kostnadsslag',
      'Aktivitets-ID',
      'Beskrivning',
      'Leverantör',
      'Belopp (kr exkl. moms)',
      'Verifikationsnummer',
      'Finansiering',
    ]);
  });

  it('marks a requisition after the deadline as late and one before it as in time', () => {
    const funds = [...sheetOf(model, 'Rekvisitioner').rows()];
    expect(funds.map((row) => row[5])).toEqual(['I tid', 'Försenad (efter 2013-09-30)', 'I tid', 'I tid']);
    expect(valueAt(model, 'Avräkning', 'year', 2013, 'requisitionTiming')).toBe('Försenad (efter 2013-09-30)');
    expect(valueAt(model, 'Avräkning', 'year', 2014, 'requisitionTiming')).toBe('I tid');
  });

  it('says a year with no requisition was not requisitioned, rather than in time', () => {
    const without2014 = financialReport(smallNation({ funds: input.funds?.filter((entry) => entry.year !== 2014) }));
    expect(valueAt(without2014, 'Avräkning', 'year', 2014, 'requisitionTiming')).toBe('Ej rekvirerat');
    expect(valueAt(without2014, 'Avräkning', 'year', 2014, 'requisitioned')).toBe(0);
    expect(valueAt(without2014, 'Avräkning', 'year', 2013, 'requisitionTiming')).toBe('Försenad (efter 2013-09-30)');
    expect(auditReport(without2014)).toEqual([]);
  });

  it('asks for requisitioned minus grant-funded costs back where positive, less what was repaid', () => {
    expect(valueAt(model, 'Avräkning', 'year', 2013, 'requisitioned')).toBe(350000.5);
    expect(valueAt(model, 'Avräkning', 'year', 2013, 'unused')).toBe(350000.5 - 261900.6);
    expect(valueAt(model, 'Avräkning', 'year', 2013, 'toRepay')).toBe(350000.5 - 261900.6 - 10000);
    expect(valueAt(model, 'Avräkning', 'year', 2014, 'unused')).toBe(0);
    expect(valueAt(model, 'Avräkning', 'year', 2014, 'repaymentDeadline')).toBe('2015-03-01');
    expect(valueAt(model, 'Avräkning', 'year', 2014, 'assessment')).toBe('Överskrider taket');
  });

  it('totals every cost line of both years', () => {
    const all = sumOre([...expenseRows(2013), ...expenseRows(2014)].map((row) => row.amount));
    expect(valueAt(model, 'Översikt', 'item', 'Kostnader totalt', 'value')).toBe(all);
    expect(auditReport(model)).toEqual([]);
  });
});
