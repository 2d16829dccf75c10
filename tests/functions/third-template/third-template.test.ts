import ExcelJS from 'exceljs';
import {
  clearRegisteredTemplateModules,
  detailSheet,
  judgeSubmission,
  LUJ_INITIATIVE,
  registerTemplateModule,
  summarizeVersion,
  type ActivityRow,
  type ReportNationYear,
} from '@samla/shared';
import { TableSubmissionStore } from '../../../functions/src/storage/table-submission-store';
import { buildTemplateWorkbook } from '../../../functions/src/workbooks/template-workbook';
import { readUploadedWorkbook } from '../../../functions/src/workbooks/upload-reader';
import { startSamlaApi, uploadWorkbook, type RunningSamla } from '../../support/local-samla';
import { activityRows, openFreshTables } from '../storage/storage-fixtures';
import { INDICATORS_MODULE, type IndicatorRow } from './indicators-module';

// Issue 14: a third template is one module. Nothing in the product names Resultatindikatorer; these tests register its
// module and run it through validation, the upload, the file route, storage and a report's detail sheet.

let api: RunningSamla;
let staffN: string;

beforeAll(async () => {
  registerTemplateModule(INDICATORS_MODULE as never);
  api = await startSamlaApi();
  staffN = await api.token('staff', 'N');
});

afterAll(async () => {
  await api?.stop();
  clearRegisteredTemplateModules();
});

const context = { year: 2013, settings: LUJ_INITIATIVE, language: 'sv' } as const;
const activity = activityRows(1, 'N')[0] as ActivityRow;
const indicator = { indicatorId: 'R-1', activityId: 'N-1', strand: 'competence', measuredOn: '2013-05-02', value: 12 };

async function templateWorkbook(): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildTemplateWorkbook({ template: 'both', board: 'N', year: 2013, language: 'sv' })) as unknown as ArrayBuffer);
  return workbook;
}

function fill(workbook: ExcelJS.Workbook, sheet: string, row: number, values: unknown[]): void {
  const worksheet = workbook.getWorksheet(sheet);
  if (!worksheet) throw new Error(`no sheet ${sheet}`);
  worksheet.getRow(row).values = values as ExcelJS.CellValue[];
}

const upload = (workbook: ExcelJS.Workbook) => uploadWorkbook(api, staffN, workbook, 'board=N&year=2013');

const activitySheetRow = [
  'N-1',
  'Kompetensutveckling',
  'Utbildning',
  'Grundkurs JI',
  new Date(Date.UTC(2013, 3, 2)),
  new Date(Date.UTC(2013, 3, 3)),
  'Chefer',
  10,
  7,
  0,
  16,
  'SKL',
  'Nej',
  '',
  'Genomförd',
  'Alla chefer utbildade',
  '',
];

describe('a third template given only as a module', () => {
  it('is judged with its own rules and its reference to the activities of the same submission', () => {
    const [activities, indicators] = judgeSubmission(
      [
        { template: 'indicators', records: [indicator, { ...indicator, indicatorId: 'R-2', activityId: 'N-9', measuredOn: '2012-12-31' }] },
        { template: 'activities', records: [activity] },
      ],
      context,
    );
    expect(activities).toMatchObject({ template: 'activities', valid: true });
    expect(indicators?.template).toBe('indicators');
    expect(indicators?.issues.map((issue) => [issue.code, issue.cell])).toEqual([
      ['unknown-activity', 'Resultatindikatorer!B3'],
      ['date-outside-year', 'Resultatindikatorer!D3'],
    ]);
  });

  it('checks its reference against the stored activities when the submission has none, and not at all without them', () => {
    const [alone] = judgeSubmission([{ template: 'indicators', records: [indicator] }], { ...context, storedIds: { activities: ['N-2'] } });
    expect(alone?.issues.map((issue) => issue.code)).toEqual(['unknown-activity']);
    const [unchecked] = judgeSubmission([{ template: 'indicators', records: [indicator] }], context);
    expect(unchecked?.valid).toBe(true);
  });

  it('gets a sheet in the template workbook, which the upload reader finds again', async () => {
    const workbook = await templateWorkbook();
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(expect.arrayContaining(['Aktiviteter', 'Kostnader', 'Resultatindikatorer']));
    fill(workbook, 'Resultatindikatorer', 2, ['R-1', 'N-1', 'Kompetensutveckling', new Date(Date.UTC(2013, 4, 2)), 12]);
    const reading = await readUploadedWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()));
    if (!reading.ok) throw new Error(reading.refusal.kind);
    const sheet = reading.sheets.find((found) => found.template === 'indicators');
    expect(sheet).toMatchObject({ sheet: 'Resultatindikatorer', origin: { row: 1, column: 1 } });
    expect(sheet?.values[1]?.slice(0, 3)).toEqual(['R-1', 'N-1', 'Kompetensutveckling']);
  });

  it('is stored through the file route with the activities of the same file, and refused when it names an activity nobody has', async () => {
    const both = await templateWorkbook();
    fill(both, 'Aktiviteter', 2, activitySheetRow);
    fill(both, 'Resultatindikatorer', 2, ['R-1', 'N-1', 'Kompetensutveckling', new Date(Date.UTC(2013, 4, 2)), 12]);
    const stored = await upload(both);
    expect(stored.status).toBe(201);
    expect(stored.body.submissions).toEqual([
      expect.objectContaining({ template: 'activities', version: 1, rows: 1 }),
      expect.objectContaining({ template: 'indicators', version: 1, rows: 1 }),
    ]);

    const alone = await templateWorkbook();
    fill(alone, 'Resultatindikatorer', 2, ['R-2', 'N-404', 'Kompetensutveckling', new Date(Date.UTC(2013, 4, 2)), 3]);
    const refused = await upload(alone);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'unknown-activity', cell: 'Resultatindikatorer!B2' })]);
  });

  it('is stored in Azurite, read back in the nation, summarized and shown in a detail sheet', async () => {
    const store = new TableSubmissionStore(await openFreshTables(api.azurite.connectionString));
    const rows: IndicatorRow[] = [indicator as IndicatorRow, { ...indicator, indicatorId: 'R-2', value: 3 } as IndicatorRow];
    const version = await store.submit({
      board: 'N',
      year: 2013,
      template: 'indicators' as never,
      rows: rows as never,
      submittedBy: 'eva@halland',
      warningCount: 0,
    });
    expect(version).toMatchObject({ template: 'indicators', version: 1, rowCount: 2 });
    expect((await store.current('N', 2013, 'indicators' as never))?.rows).toEqual(rows);
    expect(summarizeVersion('indicators', rows as never, 0).figures).toEqual({ value: 15 });

    const nation = (await store.nation(2013)) as unknown as ReportNationYear & { indicators: unknown[] };
    expect(nation.indicators).toHaveLength(1);
    const sheet = detailSheet('indicators', [nation]);
    expect(sheet.name).toBe('Resultatindikatorer');
    expect(sheet.columns.map((column) => column.label)).toEqual(['Län', 'År', 'Indikator-ID', 'Aktivitets-ID', 'Uppdragsdel', 'Mätdatum', 'Värde']);
    expect([...sheet.rows()]).toEqual([
      ['N', 2013, 'R-1', 'N-1', 'Kompetensutveckling', '2013-05-02', 12],
      ['N', 2013, 'R-2', 'N-1', 'Kompetensutveckling', '2013-05-02', 3],
    ]);
  });
});
