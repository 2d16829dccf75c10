import {
  ACTIVITIES_TEMPLATE,
  clearRegisteredTemplateHistories,
  clearRegisteredTemplateModules,
  columnForHeader,
  currentVersion,
  layoutOfVersion,
  parseStamp,
  readStamp,
  registerTemplateHistory,
  registerTemplateModule,
  stampDefinedNameText,
  stampFormula,
  stampWithUnknownVersion,
  TEMPLATE_HISTORIES,
  TEMPLATE_KEYS,
  TEMPLATE_VERSIONS,
  templateDefinition,
  type TemplateKey,
} from '@samla/shared';
import { INDICATORS_MODULE } from '../functions/third-template/indicators-module';
import { INDICATORS_HISTORY } from '../functions/third-template/indicators-history';

describe('the template stamp', () => {
  it('writes a stamp as a text formula and reads it back, for every template and the lists sheet', () => {
    for (const kind of [...TEMPLATE_KEYS, 'lists'] as const) {
      expect(stampFormula(kind)).toBe(`="samla:${kind}:${TEMPLATE_VERSIONS[kind]}"`);
      expect(parseStamp(stampFormula(kind))).toEqual({ kind, version: TEMPLATE_VERSIONS[kind] });
      expect(parseStamp(stampDefinedNameText(kind, 4))).toEqual({ kind, version: 4 });
    }
  });

  it('reads a stamp as Office.js, a file or a hand gives it: with or without =, quotes, spaces and letter case', () => {
    for (const text of ['="samla:expenses:1"', '"samla:expenses:1"', 'samla:expenses:1', ' = "SAMLA:Expenses:1" ']) {
      expect(parseStamp(text)).toEqual({ kind: 'expenses', version: 1 });
    }
  });

  it('is not a stamp when it names no template Samla knows, or is not a stamp at all', () => {
    for (const text of ['="samla:budget:1"', '="samla:activities"', '="samla:activities:x"', 'Aktiviteter!$A$1', '="other:activities:1"', '', 1, null]) {
      expect(parseStamp(text)).toBeUndefined();
    }
  });

  it('reads no version Samla never writes (0, negative, a fraction, leading zeros, more than six digits) as a version', () => {
    for (const version of ['0', '-1', '1.5', '01', '1.0', 'x', '', '1:extra', '99999999999999999999']) {
      const text = `"samla:activities:${version}"`;
      expect(parseStamp(text)).toBeUndefined();
      expect(stampWithUnknownVersion(text)).toBe('activities');
    }
    expect(stampWithUnknownVersion('"samla:lists:0"')).toBe('lists');
  });

  it('tells a stamp Samla reads and a mark that is no Samla stamp from a stamp with an unknown version', () => {
    for (const text of ['"samla:activities:1"', '"samla:activities:99"', '"samla:budget:0"', '"other:activities:0"', 'Aktiviteter!$A$1', 7]) {
      expect(stampWithUnknownVersion(text)).toBeUndefined();
    }
    expect(parseStamp('"samla:activities:99"')).toEqual({ kind: 'activities', version: 99 });
  });

  it('takes the current versions from the templates’ histories, whose layouts have not changed since version 1', () => {
    expect(TEMPLATE_VERSIONS).toEqual({ activities: 1, expenses: 1, lists: 1 });
    for (const key of TEMPLATE_KEYS) {
      expect(currentVersion(key)).toBe(TEMPLATE_HISTORIES[key].current);
      // A Samla table made before stamps (version 0) has today's layout.
      expect(readStamp(templateDefinition(key), { kind: key, version: 0 })).toEqual({ status: 'current' });
    }
  });

  it('tells a newer version and another template’s stamp from the sheet’s own', () => {
    expect(readStamp(ACTIVITIES_TEMPLATE, { kind: 'activities', version: 7 })).toEqual({ status: 'newer', version: 7, current: 1 });
    expect(readStamp(ACTIVITIES_TEMPLATE, { kind: 'expenses', version: 1 })).toEqual({ status: 'other', kind: 'expenses' });
    expect(readStamp(ACTIVITIES_TEMPLATE, { kind: 'lists', version: 1 })).toEqual({ status: 'other', kind: 'lists' });
  });
});

/** The test template's key; a registered key is typed as a template key, which it is at run time (`knownTemplateKeys`). */
const INDICATORS = 'indicators' as TemplateKey;

describe('an older layout of a template with a history', () => {
  beforeAll(() => {
    registerTemplateModule(INDICATORS_MODULE as never);
    registerTemplateHistory('indicators', INDICATORS_HISTORY);
  });

  afterAll(() => {
    clearRegisteredTemplateHistories();
    clearRegisteredTemplateModules();
  });

  it('reads a stamp of the registered template and knows its current version', () => {
    expect(parseStamp('"samla:indicators:2"')).toEqual({ kind: INDICATORS, version: 2 });
    expect(currentVersion('indicators')).toBe(3);
  });

  it('maps a version whose changes are renames and optional columns added, under the headers it showed', () => {
    const today = templateDefinition('indicators');
    expect(readStamp(today, { kind: INDICATORS, version: 2 })).toEqual({ status: 'older', version: 2 });
    const layout = layoutOfVersion(today, 2);
    expect(layout.columns.map((column) => column.key)).toEqual(['indicatorId', 'strand', 'measuredOn', 'value']);
    expect(columnForHeader(layout, 'Indikator')?.key).toBe('indicatorId');
    expect(columnForHeader(layout, 'Antal')?.key).toBe('value');
    expect(columnForHeader(layout, 'Aktivitets-ID')).toBeUndefined();
    // Today's layout knows none of the old headers.
    expect(columnForHeader(today, 'Antal')).toBeUndefined();
    expect(layoutOfVersion(today, 3)).toBe(today);
  });

  it('refuses to map a version with a change in meaning since, naming the change', () => {
    const reading = readStamp(templateDefinition('indicators'), { kind: INDICATORS, version: 1 });
    expect(reading).toMatchObject({ status: 'unmappable', version: 1, changes: [{ kind: 'reshaped', column: 'value' }] });
  });

  it('refuses to map a version that lacks a required column added since', () => {
    registerTemplateHistory('indicators', { current: 2, versions: [{ version: 2, changes: [{ kind: 'added', column: 'strand' }] }] });
    try {
      expect(readStamp(templateDefinition('indicators'), { kind: INDICATORS, version: 1 })).toMatchObject({ status: 'unmappable' });
    } finally {
      registerTemplateHistory('indicators', INDICATORS_HISTORY);
    }
  });
});
