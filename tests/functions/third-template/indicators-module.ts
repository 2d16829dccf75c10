import { defineTemplate, defineTemplateModule, NUMBER_FORMATS, STRANDS, yearOf, type RowOf, type TypedRowRule } from '@samla/shared';

/**
 * A third template, Resultatindikatorer, written only as a module (issue 14): one row per measured indicator of an
 * activity. It lives in tests/, not in the product's list; the tests register it and change nothing else.
 */
export const INDICATORS_TEMPLATE = defineTemplate({
  key: 'indicators',
  sheetName: 'Resultatindikatorer',
  tableName: 'SamlaResultatindikatorer',
  label: { sv: 'Resultatindikatorer', en: 'Result indicators' },
  idColumn: 'indicatorId',
  columns: [
    { key: 'indicatorId', type: 'id', maxLength: 40, required: true, width: 16, label: { sv: 'Indikator-ID', en: 'Indicator ID' } },
    { key: 'activityId', type: 'id', maxLength: 40, required: false, width: 16, label: { sv: 'Aktivitets-ID', en: 'Activity ID' } },
    { key: 'strand', type: 'list', list: STRANDS, required: true, width: 22, label: { sv: 'Uppdragsdel', en: 'Strand' } },
    { key: 'measuredOn', type: 'date', numFmt: NUMBER_FORMATS.date, required: true, width: 12, label: { sv: 'Mätdatum', en: 'Measured on' } },
    {
      key: 'value',
      type: 'number',
      integer: true,
      min: 0,
      max: 1_000_000,
      numFmt: NUMBER_FORMATS.count,
      required: true,
      width: 10,
      label: { sv: 'Värde', en: 'Value' },
    },
  ],
});

export type IndicatorRow = RowOf<typeof INDICATORS_TEMPLATE.columns>;

const measuredInYear: TypedRowRule<IndicatorRow> = ({ values }, { year }, report) => {
  if (typeof values.measuredOn === 'string' && yearOf(values.measuredOn) !== year)
    report('date-outside-year', 'measuredOn', { value: values.measuredOn, year });
};

export const INDICATORS_MODULE = defineTemplateModule({
  definition: INDICATORS_TEMPLATE,
  rules: [measuredInYear],
  references: [
    {
      column: 'activityId',
      template: 'activities',
      unknownCode: 'unknown-activity',
      droppedCode: 'activity-still-linked',
      uncheckedCode: 'activity-links-unchecked',
    },
  ],
  figures: (rows) => ({ value: rows.reduce((sum, row) => sum + row.value, 0) }),
});
