/**
 * The consolidated workbooks as data: sheets, columns, rows and totals. A total says declaratively what it
 * sums (sheet, column, criteria) and carries the value the core computed itself, in whole öre, so a writer
 * can put both the live formula and its result into the file and a test can hold one against the other.
 */

/** How a cell is shown: the writer picks the number format, the type and the width from it. */
export type CellKind = 'text' | 'date' | 'dateTime' | 'amount' | 'count' | 'hours' | 'share' | 'year';

/** A plain value: text, a number, an ISO date or instant (by the column's kind), or nothing. */
export type PlainValue = string | number | boolean | null | undefined;

/** Selects the detail rows a total takes: equal to a value, or compared with a number (dates as serials). */
export type Criterion =
  | { readonly column: string; readonly equals: string | number }
  | { readonly column: string; readonly compare: '>' | '<=' | '<>'; readonly value: number | string };

/** A total, as the formula that computes it over the detail sheets. */
export type Expr =
  | { readonly op: 'sumIfs'; readonly sheet: string; readonly sum: string; readonly where: readonly Criterion[] }
  | { readonly op: 'countIfs'; readonly sheet: string; readonly where: readonly Criterion[] }
  /** A cell of a summary sheet: data row `row` (0-based) in `column`; `sheet` defaults to the cell's own. */
  | { readonly op: 'ref'; readonly sheet?: string; readonly row: number; readonly column: string }
  /** Several cells of one column of this sheet, summed (`SUM(C2:C22)`). */
  | { readonly op: 'sumRows'; readonly column: string; readonly rows: readonly number[] }
  | { readonly op: 'add'; readonly terms: readonly Expr[] }
  | { readonly op: 'sub'; readonly left: Expr; readonly right: Expr }
  /** left / right, or empty text when right is 0, or below `minimum` when one is given (a share of too few says nothing). */
  | { readonly op: 'share'; readonly left: Expr; readonly right: Expr; readonly minimum?: number }
  | { readonly op: 'max0'; readonly arg: Expr }
  | { readonly op: 'num'; readonly value: number }
  /** `whenGreater` when left > right, else `otherwise`: a flag people read, or a further flag to decide. */
  | { readonly op: 'flag'; readonly left: Expr; readonly right: Expr; readonly whenGreater: string | Expr; readonly otherwise: string | Expr }
  /** The names of the totals whose live value differs from what Samla computed, each ending `; `, or empty text: the check. */
  | { readonly op: 'differing'; readonly totals: readonly CheckedTotal[] }
  /** `yes` when the argument is empty text, else `no`. */
  | { readonly op: 'whenEmpty'; readonly arg: Expr; readonly yes: string; readonly no: string };

/**
 * One total a check compares: where it is (a `ref`), the value Samla computed, how far the live value may be from it
 * and still agree (half an öre for amounts, half a person for counts, a millionth for shares), and how it is named
 * when it differs. Text (a flag, an empty share) agrees when it is the same text.
 */
export interface CheckedTotal {
  readonly at: Expr;
  readonly value: number | string;
  readonly tolerance: number;
  readonly name: string;
}

/** A total: its formula and the value the core computed independently from the rows. */
export interface FormulaCell {
  readonly formula: Expr;
  readonly value: number | string;
  /** Overrides the column's kind (the overview's value column holds mixed kinds). */
  readonly kind?: CellKind;
}

/** A value whose kind differs from its column's. */
export interface TypedCell {
  readonly value: PlainValue;
  readonly kind: CellKind;
}

export type ReportCell = PlainValue | FormulaCell | TypedCell;

export interface ReportColumn {
  readonly key: string;
  /** The header, in Swedish; a template column keeps its template label. */
  readonly label: string;
  readonly kind: CellKind;
  /** Excel's character units. */
  readonly width: number;
}

/** How a highlight looks: `alert` for what must be acted on (red), `notice` for what should be looked at (yellow). */
export type HighlightTone = 'alert' | 'notice';

/**
 * A data row is highlighted when its cell in `column` matches, as the spreadsheet evaluates it: so a highlight
 * follows the live formulas. `startsWith` compares text; `below`/`above` compare a number.
 */
export type Highlight = { readonly column: string; readonly tone: HighlightTone } & (
  { readonly startsWith: string } | { readonly below: number } | { readonly above: number }
);

/** How a sheet is laid out beyond its cells. */
export interface SheetPresentation {
  /** Prints on one page (the overview), instead of fitted to the width only. */
  readonly onePage?: boolean;
  /** Filter buttons on the header row; detail and summary sheets have them, the overview not. */
  readonly filter?: boolean;
  readonly highlights?: readonly Highlight[];
}

export interface ReportSheet {
  /** The sheet's Swedish name (at most 31 characters). */
  readonly name: string;
  readonly presentation?: SheetPresentation;
  readonly columns: readonly ReportColumn[];
  readonly rowCount: number;
  /** Rows in column order; produced on demand so that a writer can stream a large sheet. */
  rows(): Iterable<readonly ReportCell[]>;
}

export type ReportKind = 'status' | 'final' | 'financial';

export interface ReportModel {
  readonly kind: ReportKind;
  /** The file name to offer, e.g. `Samla-lagesrapport-2013.xlsx`. */
  readonly fileName: string;
  readonly title: string;
  readonly sheets: readonly ReportSheet[];
}

export function isFormulaCell(cell: ReportCell): cell is FormulaCell {
  return typeof cell === 'object' && cell !== null && 'formula' in cell;
}

export function isTypedCell(cell: ReportCell): cell is TypedCell {
  return typeof cell === 'object' && cell !== null && 'kind' in cell && !('formula' in cell);
}

/** A summary sheet whose rows are already in memory; filter buttons unless the presentation says otherwise. */
export function tableSheet(
  name: string,
  columns: readonly ReportColumn[],
  rows: readonly (readonly ReportCell[])[],
  presentation: SheetPresentation = { filter: true },
): ReportSheet {
  return { name, columns, rowCount: rows.length, rows: () => rows, presentation };
}

/** A sheet with more highlights. */
export function highlighted(sheet: ReportSheet, highlights: readonly Highlight[]): ReportSheet {
  const presentation = sheet.presentation ?? {};
  return { ...sheet, presentation: { ...presentation, highlights: [...(presentation.highlights ?? []), ...highlights] } };
}

export function columnIndex(sheet: Pick<ReportSheet, 'columns' | 'name'>, key: string): number {
  const index = sheet.columns.findIndex((column) => column.key === key);
  if (index < 0) throw new Error(`Sheet ${sheet.name} has no column ${key}`);
  return index;
}

/** SEK to whole öre: amounts have at most two decimals, so rounding only removes binary noise. */
export function toOre(amount: number): number {
  return Math.round(amount * 100);
}

export function fromOre(ore: number): number {
  return ore / 100;
}
