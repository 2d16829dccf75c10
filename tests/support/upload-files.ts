import { TableClient, TableServiceClient } from '@azure/data-tables';
import ExcelJS from 'exceljs';
import { ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE, YES_NO, type AnyTemplate, type BoardCode } from '@samla/shared';
import { buildTemplateWorkbook } from '../../functions/src/workbooks/template-workbook';

/** Filled standard files for upload tests, and what the rows table holds afterwards (read straight from Azurite). */

const YEAR = 2013;

/** The first option's Swedish label of a list column (what staff pick in the sheet's drop-down). */
export function firstLabel(template: AnyTemplate, key: string): string {
  const column = template.columns.find((candidate) => candidate.key === key);
  if (column?.type !== 'list') throw new Error(`${key} is no list column`);
  return (column.list.options[0] as { label: { sv: string } }).label.sv;
}

/** A right activity row of `board` (ID `<board>-A<index>`), as typed into the sheet; `extra` replaces cells. */
export function activityValues(board: string, index: number, extra: Record<string, ExcelJS.CellValue> = {}): Record<string, ExcelJS.CellValue> {
  return {
    activityId: `${board}-A${index}`,
    strand: firstLabel(ACTIVITIES_TEMPLATE, 'strand'),
    activityType: firstLabel(ACTIVITIES_TEMPLATE, 'activityType'),
    title: `Utbildning ${index}`,
    startDate: new Date(Date.UTC(YEAR, 2, 1)),
    endDate: new Date(Date.UTC(YEAR, 2, 2)),
    targetGroup: firstLabel(ACTIVITIES_TEMPLATE, 'targetGroup'),
    participantsWomen: index % 30,
    participantsMen: 3,
    participantsUnspecified: 0,
    hours: 8,
    learningExample: YES_NO.no.sv,
    status: firstLabel(ACTIVITIES_TEMPLATE, 'status'),
    result: 'Ökad kunskap om jämställdhetsintegrering',
    ...extra,
  };
}

/** A right expense row of `board` (ID `<board>-K<index>`) for the activity of the same index; `extra` replaces cells. */
export function expenseValues(board: string, index: number, extra: Record<string, ExcelJS.CellValue> = {}): Record<string, ExcelJS.CellValue> {
  return {
    expenseId: `${board}-K${index}`,
    date: new Date(Date.UTC(YEAR, 3, 15)),
    category: firstLabel(EXPENSES_TEMPLATE, 'category'),
    activityId: `${board}-A${index}`,
    description: `Föreläsare ${index}`,
    amount: 1_250.5,
    voucher: `V${index}`,
    funding: firstLabel(EXPENSES_TEMPLATE, 'funding'),
    ...extra,
  };
}

/**
 * The standard file of `board` for 2013 with `activities` typed into its table (and, when `expenses` is given, the
 * two-sheet file with those expenses, none for an empty Kostnader sheet).
 */
export async function filledFile(
  board: string,
  activities: Record<string, ExcelJS.CellValue>[],
  expenses?: Record<string, ExcelJS.CellValue>[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // ExcelJS's declared Buffer predates Node's generic one.
  await workbook.xlsx.load(
    (await buildTemplateWorkbook({ template: expenses ? 'both' : 'activities', board: board as BoardCode, year: YEAR })) as unknown as ExcelJS.Buffer,
  );
  for (const [template, rows] of [
    [ACTIVITIES_TEMPLATE, activities],
    [EXPENSES_TEMPLATE, expenses ?? []],
  ] as const) {
    const sheet = workbook.getWorksheet(template.sheetName);
    if (!sheet) continue;
    rows.forEach((values, index) => (sheet.getRow(index + 2).values = template.columns.map((column) => values[column.key] ?? null)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Every partition of the rows tables holding `board`'s 2013 rows, with its entities and the rows its blocks say they hold. */
export async function rowsPartitions(connectionString: string, board: string): Promise<Map<string, { entities: number; rows: number }>> {
  const service = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true });
  const partitions = new Map<string, { entities: number; rows: number }>();
  for await (const table of service.listTables()) {
    if (!table.name?.endsWith('Rows')) continue;
    const client = TableClient.fromConnectionString(connectionString, table.name, { allowInsecureConnection: true });
    for await (const entity of client.listEntities<{ rowCount?: number }>()) {
      const partition = entity.partitionKey ?? '';
      if (!partition.includes(`|${YEAR}|${board}|`)) continue;
      const found = partitions.get(partition) ?? { entities: 0, rows: 0 };
      partitions.set(partition, { entities: found.entities + 1, rows: found.rows + (entity.rowCount ?? 0) });
    }
  }
  return partitions;
}
