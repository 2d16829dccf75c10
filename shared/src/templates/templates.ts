import { ACTIVITIES_TEMPLATE, type ActivityRow } from './activities-template';
import type { Column, TemplateDefinition, TemplateKey } from './column-definition';
import { EXPENSES_TEMPLATE, type ExpenseRow } from './expenses-template';

/** Every standard template, by key. */
export const TEMPLATES = {
  activities: ACTIVITIES_TEMPLATE,
  expenses: EXPENSES_TEMPLATE,
} as const satisfies Record<TemplateKey, TemplateDefinition>;

export interface TemplateRows {
  activities: ActivityRow;
  expenses: ExpenseRow;
}

export type AnyTemplate = TemplateDefinition<TemplateKey, readonly Column[]>;

export function templateDefinition(key: TemplateKey): AnyTemplate {
  return TEMPLATES[key];
}
