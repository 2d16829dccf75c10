/// <reference types="office-js" />
import { columnForHeader, templateDefinition, type TemplateKey } from '@samla/shared';

/** Whether the host supports a requirement set: `Office.context.requirements.isSetSupported`, injectable for tests. */
export type SupportsSet = (name: string, version: string) => boolean;

/**
 * Days between the 1900 and the 1904 date systems: serial 0 of a 1904 workbook (1904-01-01) is serial 1462 of a
 * 1900 workbook. Office.js gives a date cell's value as the bare serial of the workbook's own system.
 */
export const DAYS_1900_TO_1904 = 1462;

export type DateSystem = 1900 | 1904;

/**
 * Queues the question "which date system does this workbook use?"; the answer is readable after `context.sync()`.
 *
 * `Workbook.use1904DateSystem` is documented (learn.microsoft.com, Excel.Workbook) only in the ExcelApiOnline 1.1
 * and preview sets: Excel on the web has it, Excel on Windows and Mac may not, and a numbered ExcelApi set
 * (through 1.21) does not include it. Where `ExcelApiOnline 1.1` is not supported, Samla asks Excel's own DATE
 * function instead (`workbook.functions.date`, ExcelApi 1.2): DATE(1904;1;1) is 0 in a 1904 workbook and 1462 in
 * a 1900 one. Both answer in the same sync as the rest of the read; no cell is written.
 */
export function queueDateSystem(context: Excel.RequestContext, supports: SupportsSet): () => DateSystem {
  if (supports('ExcelApiOnline', '1.1')) {
    // Why the cast: @types/office-js types only the numbered sets, and this property is in ExcelApiOnline 1.1.
    const workbook = context.workbook as unknown as { load(properties: string): void; use1904DateSystem?: boolean };
    workbook.load('use1904DateSystem');
    return () => (workbook.use1904DateSystem ? 1904 : 1900);
  }
  const probe = context.workbook.functions.date(1904, 1, 1).load('value');
  return () => (probe.value === 0 ? 1904 : 1900);
}

/**
 * Turns the serials in a template's date columns into 1900-system serials (what the shared reader takes), so that
 * the calendar day the cell shows is the day Samla reads. `values` is header row first; it is changed in place.
 */
export function toDateSystem1900(template: TemplateKey, values: unknown[][], system: DateSystem): void {
  if (system === 1900) return;
  const definition = templateDefinition(template);
  const dateColumns = (values[0] ?? []).flatMap((header, index) => (columnForHeader(definition, header)?.type === 'date' ? [index] : []));
  for (let row = 1; row < values.length; row += 1) {
    const cells = values[row];
    if (!cells) continue;
    for (const index of dateColumns) {
      const value = cells[index];
      if (typeof value === 'number' && Number.isFinite(value)) cells[index] = value + DAYS_1900_TO_1904;
    }
  }
}
