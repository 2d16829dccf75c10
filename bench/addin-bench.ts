import { LUJ_INITIATIVE } from '@samla/shared';
import { checkWorkbook } from '../addin/src/taskpane/checking/workbook-check';
import { ExcelWorkbook } from '../addin/src/taskpane/excel/excel-workbook';
import { PAYLOAD_LIMIT_BYTES } from '../addin/src/taskpane/excel/payload-budget';
import { headerRow } from '../addin/src/taskpane/excel/template-layout';
import { OfficeMockExcel } from '../tests/addin/support/office-mock-excel';
import { activityRows, expenseRows } from '../tests/addin/support/template-rows';
import type { Benchmark } from './bench-harness';

const SIZES = [10, 1000, 10_000];
const MB = 1024 * 1024;

/**
 * Round trips (`context.sync()`) of the Excel adapter against office-addin-mock, per template insert (turning
 * two sheets of `rows` rows into Samla's tables) and per validation, and the largest single request or response.
 */
export const addinBenchmark: Benchmark = {
  name: 'addin',
  async run() {
    const validateSyncs: number[] = [];
    const insertSyncs: number[] = [];
    let maxPayload = 0;
    for (const rows of SIZES) {
      const excel = new OfficeMockExcel();
      excel.addSheet('Aktiviteter');
      excel.write('Aktiviteter', 'A1', [headerRow('activities'), ...activityRows(rows, 10)]);
      excel.addSheet('Kostnader');
      excel.write('Kostnader', 'A1', [headerRow('expenses'), ...expenseRows(rows, 10)]);
      const workbook = new ExcelWorkbook(excel.run, excel.createWorkbook);
      await workbook.ensureTemplates();
      insertSyncs.push(excel.syncs);
      maxPayload = Math.max(maxPayload, excel.maxPayloadBytes);
      excel.resetCounts();
      const check = await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
      if (check.errors !== 2 * (rows / 10)) throw new Error(`expected ${2 * (rows / 10)} errors at ${rows} rows, found ${check.errors}`);
      validateSyncs.push(excel.syncs);
      maxPayload = Math.max(maxPayload, excel.maxPayloadBytes);
    }
    return {
      bench: 'addin',
      rows: SIZES,
      validateSyncs,
      insertSyncs,
      maxPayloadMB: Math.round((maxPayload / MB) * 1000) / 1000,
      limitMB: PAYLOAD_LIMIT_BYTES / MB,
    };
  },
};
