/// <reference types="office-js" />
import type { CellMark } from './workbook-port';

/**
 * Samla marks faulty cells with conditional formats of its own, never with the cells' fill: a user's fills stay
 * as they were, and removing the marks removes exactly Samla's formats. A format is Samla's when its custom rule
 * is one of the formulas below, which say so in words and are always true (ExcelApi 1.6 conditional formats).
 */
export const MARK_FORMULAS = { error: '=LEN("Samla: fel")>0', warning: '=LEN("Samla: varning")>0' } as const;
export const MARK_COLORS = { error: '#FDE7E9', warning: '#FFF4CE' } as const;

/** Excel refuses a multi-area address much longer than this. */
const MAX_AREAS_ADDRESS = 7000;

function normalizedFormula(formula: string): string {
  return formula.replace(/\s+/g, '').toLowerCase();
}

const SAMLA_FORMULAS = new Set(Object.values(MARK_FORMULAS).map(normalizedFormula));

/** Whether a conditional format's custom formula is one of Samla's marks. */
export function isSamlaMarkFormula(formula: unknown): boolean {
  return typeof formula === 'string' && SAMLA_FORMULAS.has(normalizedFormula(formula));
}

/**
 * Deletes Samla's marks on the named sheets: two syncs whatever the number of formats (list the sheet's
 * conditional formats, read the custom ones' formulas, delete Samla's). Other conditional formats are left be.
 */
export async function removeSamlaMarks(context: Excel.RequestContext, sheets: readonly string[]): Promise<number> {
  const collections = sheets.map((sheet) => context.workbook.worksheets.getItem(sheet).getRange().conditionalFormats.load('items/type'));
  await context.sync();
  const custom = collections.flatMap((collection) =>
    collection.items.filter((format) => format.type === 'Custom').map((format) => ({ format, rule: format.custom.rule.load('formula') })),
  );
  if (custom.length === 0) return 0;
  await context.sync();
  const ours = custom.filter(({ rule }) => isSamlaMarkFormula(rule.formula));
  for (const { format } of ours) format.delete();
  return ours.length;
}

/** Queues Samla's marks: warnings first and errors on top, so a cell with both shows the error. */
export function queueMarks(context: Excel.RequestContext, marks: readonly CellMark[]): number {
  let queued = 0;
  for (const severity of ['warning', 'error'] as const) {
    for (const [sheet, addresses] of groupAddresses(marks.filter((mark) => mark.severity === severity))) {
      const format = context.workbook.worksheets.getItem(sheet).getRanges(addresses).conditionalFormats.add('Custom');
      format.custom.rule.formula = MARK_FORMULAS[severity];
      format.custom.format.fill.color = MARK_COLORS[severity];
      format.priority = 0;
      format.stopIfTrue = false;
      queued += addresses.length * 2;
    }
  }
  return queued;
}

/** Groups marks by sheet into comma-separated multi-area addresses Excel accepts in one call. */
export function groupAddresses(marks: readonly CellMark[]): [string, string][] {
  const groups: [string, string][] = [];
  const bySheet = new Map<string, string[]>();
  for (const mark of marks) {
    const addresses = bySheet.get(mark.sheet) ?? [];
    addresses.push(mark.address);
    bySheet.set(mark.sheet, addresses);
  }
  for (const [sheet, addresses] of bySheet) {
    let current = '';
    for (const address of new Set(addresses)) {
      if (current.length + address.length + 1 > MAX_AREAS_ADDRESS) {
        groups.push([sheet, current]);
        current = '';
      }
      current = current ? `${current},${address}` : address;
    }
    if (current) groups.push([sheet, current]);
  }
  return groups;
}
