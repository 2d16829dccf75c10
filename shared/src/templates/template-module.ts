import type { IssueCode, IssueParams } from '../validation/issue-codes';
import type { RowRule, ValidationContext } from '../validation/row-rules';
import type { Column, RowOf, TemplateDefinition } from './column-definition';

/** A row as a typed rule sees it: the cells that could be read, each typed as the template's row types it. */
export interface TypedRow<R> {
  readonly sheetRow: number;
  readonly values: Partial<R>;
  readonly unreadable?: readonly string[];
}

/** A rule over one row of a template, typed by that template's row: it reports at one of the row's own columns. */
export type TypedRowRule<R> = (
  row: TypedRow<R>,
  context: ValidationContext,
  report: (code: IssueCode, columnKey: keyof R & string, params?: IssueParams) => void,
) => void;

/**
 * A column of one template that names a row of another by its ID (expenses' `activityId` → activities): the value,
 * when given, must be one of the referred template's IDs for the same board and year — in the same submission when
 * it holds that template, otherwise what is stored.
 */
export interface TemplateReference<K extends string = string> {
  /** The referring column, in this template. */
  readonly column: K;
  /** The key of the template referred to; its `idColumn` holds the IDs. */
  readonly template: string;
  /** The error when a value names no row of the referred template: params `{ value, year }`. */
  readonly unknownCode: IssueCode;
  /** The warning when a new version of the referred template leaves out a row still referred to: `{ value, year, cells }`. */
  readonly droppedCode: IssueCode;
  /** The warning when the referred IDs could not be read (storage did not answer): `{ reason }`. */
  readonly uncheckedCode: IssueCode;
}

/**
 * Everything Samla knows of one template, in one place (issue 14): its definition (sheet, table, columns, labels),
 * its row rules beyond the cells' own types, its references to other templates, and the figures the reporting round
 * shows of a stored version without reading its rows. Built with `defineTemplateModule`, which types the rules,
 * references and figures by the template's row.
 */
export interface TemplateModule<K extends string = string, R = Record<string, unknown>> {
  readonly definition: TemplateDefinition<K>;
  /** The row rules, applied to every row after its cells were read. */
  readonly rules: readonly RowRule[];
  readonly references: readonly TemplateReference[];
  /** The version summary's figures (design.md, "The reporting round"): name → number, summed over the rows. */
  figures(rows: readonly R[]): Record<string, number>;
}

/** A module whatever its key and row: what lists of modules hold. */
export type AnyTemplateModule = TemplateModule<string, Record<string, unknown>>;

/** The row type of a module. */
export type ModuleRow<M> = M extends TemplateModule<string, infer R> ? R : never;

export interface TemplateModuleSpec<K extends string, Cs extends readonly Column[]> {
  readonly definition: TemplateDefinition<K, Cs>;
  readonly rules: readonly TypedRowRule<RowOf<Cs>>[];
  readonly references?: readonly TemplateReference<keyof RowOf<Cs> & string>[];
  readonly figures?: (rows: readonly RowOf<Cs>[]) => Record<string, number>;
}

/** A template module from its typed parts; a module without figures shows none. */
export function defineTemplateModule<const K extends string, const Cs extends readonly Column[]>(
  spec: TemplateModuleSpec<K, Cs>,
): TemplateModule<K, RowOf<Cs>> {
  return {
    definition: spec.definition,
    // A typed rule reads the same values a RowRule gets, only with the row's own types; the reader typed them.
    rules: spec.rules as unknown as readonly RowRule[],
    references: spec.references ?? [],
    figures: spec.figures ?? (() => ({})),
  };
}
