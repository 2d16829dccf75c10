import { ACTIVITY_RULES } from '../validation/activity-rules';
import { EXPENSE_RULES } from '../validation/expense-rules';
import { ACTIVITIES_TEMPLATE } from './activities-template';
import { EXPENSES_TEMPLATE } from './expenses-template';
import { defineTemplateModule, type AnyTemplateModule, type ModuleRow } from './template-module';
import { activityFigures, expenseFigures } from './version-summary';

/** Aktiviteter: the activities, with their rules and the participants the round's overview shows. */
export const ACTIVITIES_MODULE = defineTemplateModule({ definition: ACTIVITIES_TEMPLATE, rules: ACTIVITY_RULES, figures: activityFigures });

/** Kostnader: the cost lines, each optionally linked to one of the board's activities of the year. */
export const EXPENSES_MODULE = defineTemplateModule({
  definition: EXPENSES_TEMPLATE,
  rules: EXPENSE_RULES,
  references: [
    {
      column: 'activityId',
      template: 'activities',
      unknownCode: 'unknown-activity',
      droppedCode: 'activity-still-linked',
      uncheckedCode: 'activity-links-unchecked',
    },
  ],
  figures: expenseFigures,
});

/**
 * Samla's templates, in the order they are judged, stored and shown: a template comes after every template it refers
 * to. Template keys, row types, the nation's shape, the upload's sheets, the workbook's sheets and the reports'
 * "submitted" all derive from this list; a new template is one more module here.
 */
export const TEMPLATE_MODULES = [ACTIVITIES_MODULE, EXPENSES_MODULE] as const;

export type ProductModule = (typeof TEMPLATE_MODULES)[number];

export type TemplateKey = ProductModule['definition']['key'];

/** Every template's key, in the list's order. */
export const TEMPLATE_KEYS = TEMPLATE_MODULES.map((module) => module.definition.key) as unknown as readonly [TemplateKey, ...TemplateKey[]];

/** The typed row of each template, by key. */
export type TemplateRows = { [M in ProductModule as M['definition']['key']]: ModuleRow<M> };

const registered: AnyTemplateModule[] = [];

/**
 * Adds a module beside the product's list at run time, for a test that proves a new template needs nothing but its
 * module (tests/shared/third-template.test.ts). The product never calls it: its templates are `TEMPLATE_MODULES`.
 */
export function registerTemplateModule(module: AnyTemplateModule): void {
  const key = module.definition.key;
  if (templateModules().some((known) => known.definition.key === key)) throw new Error(`A template ${key} is already known`);
  registered.push(module);
}

/** Removes the modules `registerTemplateModule` added (a test's clean-up). */
export function clearRegisteredTemplateModules(): void {
  registered.length = 0;
}

/** Every known template module: the product's list, then any a test registered. */
export function templateModules(): readonly AnyTemplateModule[] {
  return registered.length === 0 ? TEMPLATE_MODULES : [...TEMPLATE_MODULES, ...registered];
}

/**
 * Every known template's key in the modules' order: the product's, then any registered. A registered key is typed as
 * a template key, which it is at run time (`isTemplateKey` knows it).
 */
export function knownTemplateKeys(): TemplateKey[] {
  return templateModules().map((module) => module.definition.key as TemplateKey);
}

/** The module of a template key; throws for a key no module has (a bug: keys are checked at the edge). */
export function templateModule(key: string): AnyTemplateModule {
  const found = templateModules().find((module) => module.definition.key === key);
  if (!found) throw new Error(`No template ${key}`);
  return found;
}

/** Whether a value is the key of a known template. */
export function isTemplateKey(value: unknown): value is TemplateKey {
  return typeof value === 'string' && templateModules().some((module) => module.definition.key === value);
}

/** The templates that refer to a template (activities → [expenses]). */
export function referringModules(key: string): AnyTemplateModule[] {
  return templateModules().filter((module) => module.references.some((reference) => reference.template === key));
}
