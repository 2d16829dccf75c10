import type { TemplateReference } from '../templates/template-module';
import { normalizeId, type RowRule } from './row-rules';

/**
 * A reference's rule: the referring column's value, when given, must be one of the referred template's IDs (compared
 * without regard to case), else the reference's `unknownCode` at that cell (mission.md: an expense's activity must
 * exist in the same board's activities for that year).
 */
export function referenceRule(reference: TemplateReference, ids: Iterable<string>): RowRule {
  const known = new Set<string>();
  for (const id of ids) known.add(normalizeId(id));
  return ({ values }, { year }, report) => {
    const value = values[reference.column];
    if (typeof value === 'string' && !known.has(normalizeId(value))) report(reference.unknownCode, reference.column, { value, year });
  };
}
