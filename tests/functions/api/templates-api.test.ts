import ExcelJS from 'exceljs';
import { ACTIVITIES_TEMPLATE } from '@samla/shared';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

let api: RunningSamla;
let staffI: string;

beforeAll(async () => {
  api = await startSamlaApi();
  staffI = await api.token('staff', 'I');
});

afterAll(async () => {
  await api?.stop();
});

describe('downloading an empty template', () => {
  it('gives the Aktiviteter workbook with its Swedish headers, as a named xlsx file', async () => {
    const response = await api.call('GET', 'templates/activities?board=I&year=2013', { token: staffI });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toContain('filename="Samla-aktiviteter-I-2013.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('Aktiviteter');
    const headers = ACTIVITIES_TEMPLATE.columns.map((_, index) => sheet?.getRow(1).getCell(index + 1).value);
    expect(headers).toEqual(ACTIVITIES_TEMPLATE.columns.map((column) => column.label.sv));
  });

  it('refuses another board’s template to staff, and an unknown template or year', async () => {
    expect((await api.call('GET', 'templates/activities?board=M&year=2013', { token: staffI })).status).toBe(403);
    expect((await api.call('GET', 'templates/budget?board=I&year=2013', { token: staffI })).status).toBe(400);
    expect((await api.call('GET', 'templates/expenses?board=I&year=2012', { token: staffI })).status).toBe(400);
    expect((await api.call('GET', 'templates/expenses?board=I', { token: staffI })).status).toBe(400);
  });
});
