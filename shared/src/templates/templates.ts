import type { TemplateDefinition } from './column-definition';
import { TEMPLATE_MODULES, templateModule, type ProductModule, type TemplateKey } from './template-modules';

/** Every standard template's definition, by key, derived from `TEMPLATE_MODULES`. */
export const TEMPLATES = Object.fromEntries(TEMPLATE_MODULES.map((module) => [module.definition.key, module.definition])) as unknown as {
  readonly [M in ProductModule as M['definition']['key']]: M['definition'];
};

export type AnyTemplate = TemplateDefinition;

/** The definition of a known template (the product's or a registered one). */
export function templateDefinition(key: TemplateKey | (string & {})): AnyTemplate {
  return templateModule(key).definition;
}
