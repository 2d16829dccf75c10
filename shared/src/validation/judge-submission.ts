import type { CellPosition } from '../sheet/cell-address';
import { templateModules } from '../templates/template-modules';
import type { ValidationContext } from './row-rules';
import { validateRecords, validateSheet, type TemplateValidation } from './validate-template';

/** One template of a submission: rows as JSON records (the API's body), or a sheet's values as a file or Excel has them. */
export type SubmittedTemplate =
  | { readonly template: string; readonly records: readonly unknown[] }
  | { readonly template: string; readonly values: readonly (readonly unknown[])[]; readonly sheet?: string; readonly origin?: CellPosition };

export interface SubmissionContext extends Omit<ValidationContext, 'referencedIds' | 'activityIds'> {
  /**
   * The stored IDs of referred templates the submission does not hold, by template key (from `referredOutside`);
   * a reference to a template neither submitted nor given here is not checked.
   */
  readonly storedIds?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The templates whose stored IDs judging these templates needs: referred to by one of them and not among them
 * (expenses alone → `['activities']`; both → none).
 */
export function referredOutside(templates: readonly string[]): string[] {
  const referred = templateModules()
    .filter((module) => templates.includes(module.definition.key))
    .flatMap((module) => module.references.map((reference) => reference.template));
  return [...new Set(referred)].filter((template) => !templates.includes(template));
}

/** The IDs a judged template holds: every row's ID that could be read, valid or not. */
export function idsOf(validation: TemplateValidation<string>): string[] {
  const { idColumn } = templateModules().find((module) => module.definition.key === validation.template)?.definition ?? { idColumn: '' };
  return validation.rows.flatMap((row) => {
    const id = row.values[idColumn];
    return typeof id === 'string' ? [id] : [];
  });
}

/**
 * Judges all of a board's templates for a year together (issue 14): each template with its module's rules, and each
 * reference against the referred template in the same submission when it is there, otherwise against the stored IDs
 * given. Templates are judged in the modules' order (a template after those it refers to) and returned in that order;
 * a template no module knows throws (keys are checked at the edge).
 */
export function judgeSubmission(templates: readonly SubmittedTemplate[], context: SubmissionContext): TemplateValidation<string>[] {
  const order = templateModules().map((module) => module.definition.key);
  const unknown = templates.find((entry) => !order.includes(entry.template));
  if (unknown) throw new Error(`No template ${unknown.template}`);
  const sorted = [...templates].sort((a, b) => order.indexOf(a.template) - order.indexOf(b.template));
  const judged = new Map<string, TemplateValidation<string>>();
  const { storedIds, ...base } = context;
  for (const entry of sorted) {
    const referencedIds: Record<string, readonly string[]> = { ...storedIds };
    for (const [template, validation] of judged) referencedIds[template] = idsOf(validation);
    const validationContext: ValidationContext = { ...base, referencedIds };
    const validation =
      'records' in entry
        ? validateRecords(entry.template, entry.records, validationContext)
        : validateSheet(entry.template, entry.values, {
            ...validationContext,
            ...(entry.sheet ? { sheet: entry.sheet } : {}),
            ...(entry.origin ? { origin: entry.origin } : {}),
          });
    judged.set(entry.template, validation);
  }
  return [...judged.values()];
}
