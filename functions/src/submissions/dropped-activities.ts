import {
  cellAddress,
  issueText,
  normalizeId,
  TEMPLATES,
  type ActivityRow,
  type ExpenseRow,
  type Issue,
  type Language,
  type SheetLayout,
  type Year,
} from '@samla/shared';

/** How many expense cells one warning names before it says how many more there are. */
const CELLS_NAMED = 5;

function columnOf(template: 'activities' | 'expenses', key: string): number {
  return TEMPLATES[template].columns.findIndex((column) => column.key === key) + 1;
}

/**
 * Warnings for a new Aktiviteter version that leaves out activities the board's current Kostnader still link to:
 * one per activity, at the Aktivitets-ID header of the submitted sheet, naming the activity and the expense cells
 * that link to it (as the expenses were submitted: row 2 is the first cost line).
 */
export function droppedActivityWarnings(
  activities: readonly ActivityRow[],
  currentExpenses: readonly ExpenseRow[],
  layout: SheetLayout,
  year: Year,
  language: Language,
): Issue[] {
  const kept = new Set(activities.map((row) => normalizeId(row.activityId)));
  const linking = new Map<string, { id: string; cells: string[] }>();
  const expensesSheet = TEMPLATES.expenses.sheetName;
  const linkColumn = columnOf('expenses', 'activityId');
  currentExpenses.forEach((expense, index) => {
    if (typeof expense.activityId !== 'string' || kept.has(normalizeId(expense.activityId))) return;
    const key = normalizeId(expense.activityId);
    const entry = linking.get(key) ?? { id: expense.activityId, cells: [] };
    entry.cells.push(cellAddress(expensesSheet, index + 2, linkColumn));
    linking.set(key, entry);
  });
  const column = TEMPLATES.activities.columns.find((candidate) => candidate.key === 'activityId');
  const cell = cellAddress(layout.sheet, layout.headerRow, layout.columns.get('activityId') ?? columnOf('activities', 'activityId'));
  return [...linking.values()].map(({ id, cells }) => {
    const more = cells.length - CELLS_NAMED;
    const named = cells.slice(0, CELLS_NAMED).join(', ') + (more > 0 ? (language === 'sv' ? ` och ${more} till` : ` and ${more} more`) : '');
    const text = issueText('activity-still-linked', { value: id, year, cells: named }, language);
    return {
      severity: 'warning',
      code: 'activity-still-linked',
      message: `${cell}, ${column?.label[language] ?? 'activityId'}: ${text}`,
      sheet: layout.sheet,
      row: layout.headerRow,
      column: 'activityId',
      cell,
    };
  });
}
