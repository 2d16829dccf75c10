import { NUMBER_FORMATS } from './formats';
import { defineTemplate, type RowOf } from './column-definition';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, STRANDS, TARGET_GROUPS } from './list-definitions';

/**
 * The most participants one activity can count in one column. The 21 boards have some 5 000 staff in all, and the
 * largest events of the initiative gather hundreds; 100 000 is far above any real count and catches a typo (an extra
 * digit or two, a pasted total) and every number that is not a count (1.797e308, a rounded 9007199254740993).
 */
export const MAX_PARTICIPANTS = 100_000;

const participants = { type: 'number', integer: true, min: 0, max: MAX_PARTICIPANTS, numFmt: NUMBER_FORMATS.count, required: false, width: 12 } as const;

/** Aktiviteter: one row per activity. */
export const ACTIVITIES_TEMPLATE = defineTemplate({
  key: 'activities',
  sheetName: 'Aktiviteter',
  tableName: 'SamlaAktiviteter',
  label: { sv: 'Aktiviteter', en: 'Activities' },
  idColumn: 'activityId',
  columns: [
    { key: 'activityId', type: 'id', maxLength: 40, required: true, width: 16, label: { sv: 'Aktivitets-ID', en: 'Activity ID' } },
    { key: 'strand', type: 'list', list: STRANDS, required: true, width: 22, label: { sv: 'Uppdragsdel', en: 'Strand' } },
    { key: 'activityType', type: 'list', list: ACTIVITY_TYPES, required: true, width: 26, label: { sv: 'Aktivitetstyp', en: 'Activity type' } },
    { key: 'title', type: 'text', maxLength: 200, required: true, width: 40, label: { sv: 'Rubrik', en: 'Title' } },
    { key: 'startDate', type: 'date', numFmt: NUMBER_FORMATS.date, required: true, width: 12, label: { sv: 'Startdatum', en: 'Start date' } },
    { key: 'endDate', type: 'date', numFmt: NUMBER_FORMATS.date, required: true, width: 12, label: { sv: 'Slutdatum', en: 'End date' } },
    { key: 'targetGroup', type: 'list', list: TARGET_GROUPS, required: true, width: 30, label: { sv: 'Målgrupp', en: 'Target group' } },
    { key: 'participantsWomen', ...participants, label: { sv: 'Deltagare kvinnor', en: 'Participants, women' } },
    { key: 'participantsMen', ...participants, label: { sv: 'Deltagare män', en: 'Participants, men' } },
    {
      key: 'participantsUnspecified',
      ...participants,
      width: 16,
      label: { sv: 'Deltagare ej könsuppdelat', en: 'Participants, sex not given' },
    },
    {
      key: 'hours',
      type: 'number',
      integer: false,
      min: 0,
      max: 1000,
      numFmt: NUMBER_FORMATS.hours,
      required: false,
      width: 12,
      label: { sv: 'Omfattning (timmar)', en: 'Extent (hours)' },
    },
    { key: 'partners', type: 'text', maxLength: 1000, required: false, width: 30, label: { sv: 'Samverkanspartner', en: 'Partners' } },
    { key: 'learningExample', type: 'boolean', required: false, width: 12, label: { sv: 'Lärande exempel', en: 'Learning example' } },
    { key: 'publishedUrl', type: 'url', maxLength: 500, required: false, width: 34, label: { sv: 'Länk (Jämställ.nu)', en: 'Link (Jämställ.nu)' } },
    { key: 'status', type: 'list', list: ACTIVITY_STATUSES, required: true, width: 14, label: { sv: 'Status', en: 'Status' } },
    { key: 'result', type: 'text', maxLength: 2000, required: false, width: 40, label: { sv: 'Resultat', en: 'Result' } },
    { key: 'effect', type: 'text', maxLength: 2000, required: false, width: 40, label: { sv: 'Bedömd effekt', en: 'Assessed effect' } },
  ],
});

export type ActivityRow = RowOf<typeof ACTIVITIES_TEMPLATE.columns>;
