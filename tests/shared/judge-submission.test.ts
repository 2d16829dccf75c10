import {
  droppedReferenceWarnings,
  isTemplateKey,
  judgeSubmission,
  referredOutside,
  TEMPLATE_KEYS,
  TEMPLATE_MODULES,
  TEMPLATES,
  validateRecords,
} from '@samla/shared';
import { activity, context2013, expense } from './fixtures';

describe('the list of template modules', () => {
  it('gives the template keys, the definitions and the check of a key, in one order', () => {
    expect(TEMPLATE_KEYS).toEqual(['activities', 'expenses']);
    expect(TEMPLATE_MODULES.map((module) => module.definition)).toEqual([TEMPLATES.activities, TEMPLATES.expenses]);
    expect(isTemplateKey('expenses')).toBe(true);
    expect(isTemplateKey('indicators')).toBe(false);
  });

  it('says which stored templates judging some templates needs', () => {
    expect(referredOutside(['expenses'])).toEqual(['activities']);
    expect(referredOutside(['activities', 'expenses'])).toEqual([]);
    expect(referredOutside(['activities'])).toEqual([]);
  });
});

describe('judging a whole submission', () => {
  it('checks expenses against the activities of the same submission, whatever order they come in', () => {
    const judged = judgeSubmission(
      [
        { template: 'expenses', records: [expense({ activityId: 'a-1' }), expense({ expenseId: 'K-2', activityId: 'A-9' })] },
        { template: 'activities', records: [activity({ activityId: 'A-1' })] },
      ],
      context2013,
    );
    expect(judged.map((validation) => validation.template)).toEqual(['activities', 'expenses']);
    expect(judged[1]?.issues.map((issue) => [issue.code, issue.cell])).toEqual([['unknown-activity', 'Kostnader!D3']]);
  });

  it('judges as the single template would, checking against the stored activities when the submission has none', () => {
    const records = [expense({ activityId: 'A-1' }), expense({ expenseId: 'K-2', activityId: 'A-2' })];
    const [whole] = judgeSubmission([{ template: 'expenses', records }], { ...context2013, storedIds: { activities: ['A-2'] } });
    const single = validateRecords('expenses', records, { ...context2013, activityIds: ['A-2'] });
    expect(whole?.issues).toEqual(single.issues);
    expect(whole?.issues.map((issue) => issue.cell)).toEqual(['Kostnader!D2']);
  });

  it('leaves a reference unchecked when neither the submission nor storage gives the referred IDs', () => {
    const [expenses] = judgeSubmission([{ template: 'expenses', records: [expense({ activityId: 'A-404' })] }], context2013);
    expect(expenses?.valid).toBe(true);
  });

  it('refuses a template no module knows', () => {
    expect(() => judgeSubmission([{ template: 'indicators', records: [] }], context2013)).toThrow('No template indicators');
  });
});

describe('a new version that leaves out a referred row', () => {
  it('warns once per activity still linked, at the first expense cell that links to it (not a header), naming them all', () => {
    const layout = { sheet: 'Aktiviteter', headerRow: 1, columns: new Map([['activityId', 1]]) };
    const warnings = droppedReferenceWarnings(
      'activities',
      [activity({ activityId: 'A-1' })],
      { expenses: [expense({ activityId: 'A-1' }), expense({ activityId: 'a-2' }), expense({ activityId: 'A-2' })] },
      layout,
      2013,
      'sv',
    );
    expect(warnings.map((warning) => [warning.code, warning.cell])).toEqual([['activity-still-linked', 'Kostnader!D3']]);
    expect(warnings[0]).toMatchObject({ sheet: 'Kostnader', row: 3, column: 'activityId' });
    expect(warnings[0]?.message).toContain('Kostnader!D3, Kostnader!D4');
  });
});
