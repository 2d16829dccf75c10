import type { Localized } from '../i18n/localized';
import type { ListDefinition } from './list-definitions';

interface ColumnCommon<K extends string> {
  readonly key: K;
  /** The header in the sheet: `sv` is the exact text other programs rely on. */
  readonly label: Localized;
  /** Whether a row must have a value in this column; a missing column of this kind is an error. */
  readonly required: boolean;
  /** Width in Excel's character units. */
  readonly width: number;
}

/** An identifier: 1–`maxLength` characters, none of `/ \ # ?` nor control characters. */
export interface IdColumn<K extends string = string> extends ColumnCommon<K> {
  readonly type: 'id';
  readonly maxLength: number;
}

export interface TextColumn<K extends string = string> extends ColumnCommon<K> {
  readonly type: 'text';
  readonly maxLength: number;
}

export interface ListColumn<K extends string = string, V extends string = string> extends ColumnCommon<K> {
  readonly type: 'list';
  readonly list: ListDefinition<V>;
}

export interface DateColumn<K extends string = string> extends ColumnCommon<K> {
  readonly type: 'date';
  readonly numFmt: string;
}

export interface NumberColumn<K extends string = string> extends ColumnCommon<K> {
  readonly type: 'number';
  readonly numFmt: string;
  readonly integer: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly maxDecimals?: number;
  readonly nonZero?: boolean;
}

export interface BooleanColumn<K extends string = string> extends ColumnCommon<K> {
  readonly type: 'boolean';
}

export interface UrlColumn<K extends string = string> extends ColumnCommon<K> {
  readonly type: 'url';
  readonly maxLength: number;
}

export type Column<K extends string = string> = IdColumn<K> | TextColumn<K> | ListColumn<K> | DateColumn<K> | NumberColumn<K> | BooleanColumn<K> | UrlColumn<K>;

export type ColumnType = Column['type'];

/** The typed value a column holds once read: ISO dates, numbers, booleans, list keys. */
export type ColumnValue<C> = C extends ListColumn<string, infer V> ? V : C extends NumberColumn ? number : C extends BooleanColumn ? boolean : string;

type RequiredKeys<Cs extends readonly Column[]> = Extract<Cs[number], { readonly required: true }>['key'];

/** The row type a list of columns defines: required columns always hold a value. */
export type RowOf<Cs extends readonly Column[]> = {
  [C in Cs[number] as C['key'] extends RequiredKeys<Cs> ? C['key'] : never]: ColumnValue<C>;
} & {
  [C in Cs[number] as C['key'] extends RequiredKeys<Cs> ? never : C['key']]?: ColumnValue<C>;
};

export interface TemplateDefinition<T extends string = string, Cs extends readonly Column[] = readonly Column[]> {
  readonly key: T;
  /** The sheet's name in every workbook: the Swedish name, which files rely on. */
  readonly sheetName: string;
  /** The name of the Excel table on that sheet. */
  readonly tableName: string;
  readonly label: Localized;
  /** The column whose value identifies a row, unique within a board and year. */
  readonly idColumn: Cs[number]['key'];
  readonly columns: Cs;
}

export function defineTemplate<const T extends string, const Cs extends readonly Column[]>(definition: TemplateDefinition<T, Cs>): TemplateDefinition<T, Cs> {
  return definition;
}
