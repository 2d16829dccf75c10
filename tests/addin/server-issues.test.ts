import { LUJ_INITIATIVE, reportFileName, validateRecords } from '@samla/shared';
import { ApiError, NetworkError, SamlaApi } from '../../addin/src/taskpane/api/samla-api';
import { checkSnapshots, issuesAtUserCells, submissionBody } from '../../addin/src/taskpane/checking/workbook-check';
import { errorText } from '../../addin/src/taskpane/components/error-text';
import { headerRow } from '../../addin/src/taskpane/excel/template-layout';
import { expenseRows } from './support/template-rows';

/** The user's Kostnader: the table starts at C5, with its columns in another order and a blank row inside. */
function userSheet() {
  const header = headerRow('expenses');
  const order = [1, 0, ...header.slice(2).map((_, index) => index + 2)];
  const [first, second] = expenseRows(2);
  const reorder = (row: readonly unknown[]) => order.map((index) => row[index]);
  return {
    template: 'expenses' as const,
    sheet: 'Mina kostnader',
    origin: { row: 5, column: 3 },
    values: [reorder(header), reorder(first ?? []), [], reorder(second ?? [])],
  };
}

describe("the server's word, at the user's own cells", () => {
  it('sends exactly the typed rows the check read: ISO dates, numbers, list keys', () => {
    const check = checkSnapshots([userSheet()], 2013, 'sv', LUJ_INITIATIVE).templates[0];
    if (!check) throw new Error('no check');
    const body = submissionBody(check, 'I', 2013);
    expect(body).toMatchObject({ board: 'I', year: 2013, template: 'expenses' });
    expect(body.rows[0]).toMatchObject({ expenseId: 'K-1', date: '2013-02-01', category: 'personnel', amount: 1250.5, funding: 'grant' });
    expect(body.rows).toHaveLength(2);
  });

  it('maps an issue the server found in the canonical layout back to the cell the user typed it in', () => {
    const check = checkSnapshots([userSheet()], 2013, 'sv', LUJ_INITIATIVE).templates[0];
    if (!check) throw new Error('no check');
    // The server judges the rows it was sent; say it knows no activity A-2 (row 2 of the rows = canonical row 3).
    const server = validateRecords('expenses', submissionBody(check, 'I', 2013).rows, { year: 2013, settings: LUJ_INITIATIVE, activityIds: ['A-1'] });
    const [issue] = server.issues;
    expect(issue?.cell).toBe('Kostnader!D3');
    const [mapped] = issuesAtUserCells(server.issues, check);
    // Row 2 of the rows is sheet row 8 (header 5, rows 6 and 8, a blank 7); Aktivitets-ID is the 4th column from C.
    expect(mapped).toMatchObject({ sheet: 'Mina kostnader', row: 8, column: 'activityId', cell: "'Mina kostnader'!F8", severity: 'error' });
    expect(mapped?.message.startsWith("'Mina kostnader'!F8")).toBe(true);
  });

  it('says every failure in words', () => {
    expect(errorText(new NetworkError(new TypeError('fetch failed')), 'sv')).toBe(
      'Kunde inte nå Samlas server. Kontrollera nätverksanslutningen och försök igen.',
    );
    expect(errorText(new ApiError(504, { title: '504 Gateway Timeout' }), 'en')).toBe(
      "Could not reach Samla's server. Check the network connection and try again.",
    );
    expect(errorText(new ApiError(401, { title: 'Inte inloggad' }), 'sv')).toBe('Du är inte inloggad, eller inloggningen har gått ut. Logga in igen.');
    expect(errorText(new ApiError(409, { title: 'Året är låst', detail: 'Ekonomi har låst 2013.' }), 'sv')).toBe(
      'Servern svarade: Året är låst Ekonomi har låst 2013.',
    );
    expect(errorText(new Error('InvalidArgument'), 'en')).toBe('Excel could not do this: InvalidArgument');
  });
});

describe('a report as the server names it', () => {
  const apiAnswering = (headers: Record<string, string>) =>
    new SamlaApi(
      '/api',
      () => 'token',
      () => 'sv',
      async () => new Response(new Uint8Array([80, 75, 3, 4]), { status: 200, headers }),
    );

  it("takes the file name from the server's Content-Disposition, UTF-8 form first", async () => {
    const report = await apiAnswering({
      'Content-Disposition': `attachment; filename="Samla-ar.xlsx"; filename*=UTF-8''${encodeURIComponent('Samla-år.xlsx')}`,
    }).report('final', 2013);
    expect(report.fileName).toBe('Samla-år.xlsx');
    expect(new Uint8Array(report.bytes)).toEqual(new Uint8Array([80, 75, 3, 4]));
  });

  it('names the report as the server would when the header is hidden from it (a cross-origin API)', async () => {
    expect((await apiAnswering({}).report('status', 2013)).fileName).toBe(reportFileName('status', [2013]));
  });
});
