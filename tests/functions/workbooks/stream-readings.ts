import { readdirSync } from 'node:fs';
import { CASES_DIR } from '../../support/cases';
import { join, relative } from 'node:path';
import { clearRegisteredTemplateHistories, clearRegisteredTemplateModules, registerTemplateHistory, registerTemplateModule } from '@samla/shared';
import { INDICATORS_HISTORY } from '../third-template/indicators-history';
import { INDICATORS_MODULE } from '../third-template/indicators-module';

/** The upload files the reader is compared over: the cases, and every sibling written by openpyxl, LibreOffice, ExcelJS. */
export const CASES = CASES_DIR;
const UPLOADS = join(__dirname, 'uploads');

function xlsxUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return xlsxUnder(path);
    return entry.name.endsWith('.xlsx') && !entry.name.endsWith('-source.xlsx') ? [path] : [];
  });
}

/** Each file with the name it is filed under in the recorded readings (`cases/…` or its path under uploads/). */
export function comparedFiles(): { name: string; path: string }[] {
  const cases = xlsxUnder(CASES).map((path) => ({ name: `cases/${relative(CASES, path)}`, path }));
  const siblings = xlsxUnder(UPLOADS).map((path) => ({ name: relative(UPLOADS, path), path }));
  return [...cases, ...siblings].sort((a, b) => a.name.localeCompare(b.name));
}

/** JSON-shaped (and JSON-stable) form of a reading: classes named, dates as ISO text, holes in arrays kept as holes. */
export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export function plainOf(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return { date: value.toISOString() };
  if (Array.isArray(value)) {
    const entries: Plain[] = [];
    value.forEach((item: unknown, index) => entries.push([index, plainOf(item)]));
    return { length: value.length, entries };
  }
  if (typeof value === 'object') {
    const fields: { [key: string]: Plain } = {};
    for (const key of Object.keys(value).sort()) fields[key] = plainOf((value as Record<string, unknown>)[key]);
    return { class: value.constructor?.name ?? 'Object', fields };
  }
  return String(value);
}

/**
 * The template registries files are read under: the product's own templates, and with the test template
 * Resultatindikatorer and its layout history registered (so its stamped older-layout sheets are read, not refused).
 */
export const REGISTRIES = {
  product: () => () => undefined,
  indicators: () => {
    registerTemplateModule(INDICATORS_MODULE as never);
    registerTemplateHistory('indicators', INDICATORS_HISTORY);
    return () => {
      clearRegisteredTemplateHistories();
      clearRegisteredTemplateModules();
    };
  },
} as const satisfies Record<string, () => () => void>;
