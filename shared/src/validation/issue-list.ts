import type { Language } from '../language';
import { cellAddress } from '../sheet/cell-address';
import { listChoices } from '../sheet/cell-values';
import type { Column } from '../templates/column-definition';
import type { Issue } from './issue';
import { ISSUE_CODES, issueText, type IssueCode, type IssueParams } from './issue-codes';

/** Collects issues for one sheet, worded in one language, each naming its place. */
export class IssueList {
  readonly issues: Issue[] = [];

  constructor(
    readonly sheet: string,
    readonly language: Language,
  ) {}

  add(code: IssueCode, row: number, column: Column | null, columnNumber: number, params: IssueParams = {}): void {
    const cell = cellAddress(this.sheet, row, columnNumber);
    const allParams = column?.type === 'list' ? { ...params, allowed: listChoices(column, this.language) } : params;
    const place = column ? `${cell}, ${column.label[this.language]}` : cell;
    this.issues.push({
      severity: ISSUE_CODES[code].severity,
      code,
      message: `${place}: ${issueText(code, { row, ...allParams }, this.language)}`,
      sheet: this.sheet,
      row,
      column: column?.key ?? null,
      cell,
    });
  }
}
