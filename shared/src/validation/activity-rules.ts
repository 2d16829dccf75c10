import { shownNumber } from '../i18n/localized';
import type { ActivityRow } from '../templates/activities-template';
import type { TypedRowRule } from '../templates/template-module';
import { yearOf } from './row-rules';

type RowRule = TypedRowRule<ActivityRow>;

function count(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

const datesInRange: RowRule = ({ values }, { year, settings }, report) => {
  const { startDate, endDate } = values;
  if (typeof startDate === 'string' && yearOf(startDate) !== year) {
    report('date-outside-year', 'startDate', { value: startDate, year });
  }
  if (typeof endDate !== 'string') return;
  if (typeof startDate === 'string' && endDate < startDate) {
    report('end-before-start', 'endDate', { value: endDate, start: startDate });
  } else if (endDate > settings.endDate) {
    report('end-after-initiative', 'endDate', { value: endDate, end: settings.endDate });
  }
};

const participantsBySex: RowRule = ({ values }, _context, report) => {
  const unspecified = count(values.participantsUnspecified);
  const total = count(values.participantsWomen) + count(values.participantsMen) + unspecified;
  if (unspecified > total - unspecified)
    report('unspecified-majority', 'participantsUnspecified', { value: shownNumber(unspecified), total: shownNumber(total) });
};

const completedHasResult: RowRule = ({ values }, _context, report) => {
  if (values.status === 'completed' && values.result === undefined) report('completed-without-result', 'result');
};

const learningExampleHasLink: RowRule = ({ values }, _context, report) => {
  if (values.status === 'completed' && values.learningExample === true && values.publishedUrl === undefined) {
    report('learning-example-without-link', 'publishedUrl');
  }
};

/** The rules of an activity row beyond its cells' own types. */
export const ACTIVITY_RULES: readonly TypedRowRule<ActivityRow>[] = [datesInRange, participantsBySex, completedHasResult, learningExampleHasLink];
