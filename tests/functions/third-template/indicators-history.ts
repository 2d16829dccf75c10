import type { TemplateHistory } from '@samla/shared';

/**
 * A history for the test template Resultatindikatorer (indicators-module.ts), as if it had been in use for three
 * versions: in version 2 the value's meaning changed (an old sheet can't be mapped), in version 3 two headers were
 * renamed and the optional Aktivitets-ID column added (a version 2 sheet maps to today's columns).
 * tests/functions/workbooks/uploads/stamp/make-stamped-uploads.py writes sheets of versions 1 and 2.
 */
export const INDICATORS_HISTORY: TemplateHistory = {
  current: 3,
  versions: [
    {
      version: 2,
      changes: [
        {
          kind: 'reshaped',
          column: 'value',
          what: { sv: 'värdet är ett antal per mätning, inte årets summa', en: "the value is a count per measurement, not the year's total" },
        },
      ],
    },
    {
      version: 3,
      changes: [
        { kind: 'renamed', column: 'indicatorId', from: 'Indikator' },
        { kind: 'renamed', column: 'value', from: 'Antal' },
        { kind: 'added', column: 'activityId' },
      ],
    },
  ],
};
