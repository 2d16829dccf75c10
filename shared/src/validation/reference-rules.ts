import type { TemplateReference } from '../templates/template-module';
import { IdRegister } from './id-register';
import type { RowRule } from './row-rules';

/**
 * A reference's rule: the referring column's value, when given, must be one of the referred template's IDs (compared
 * without regard to case), else the reference's `unknownCode` at that cell (mission.md: an expense's activity must
 * exist in the same board's activities for that year).
 */
export function referenceRule(reference: TemplateReference, ids: Iterable<string>): RowRule {
  // A sheet's own register (sheetJudge's `ids`) is taken as it is; IDs given as text are registered once.
  const known = IdRegister.of(ids);
  return ({ values }, { year }, report) => {
    const value = values[reference.column];
    if (typeof value === 'string' && !known.has(value)) report(reference.unknownCode, reference.column, { value, year });
  };
}
