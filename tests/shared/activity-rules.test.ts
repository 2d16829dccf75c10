import { validateRecords, type ValidationContext } from '@samla/shared';
import { activity, context2013 } from './fixtures';

function findings(rows: Record<string, unknown>[], context: ValidationContext = context2013): string[] {
  return validateRecords('activities', rows, context).issues.map((issue) => `${issue.severity} ${issue.code} ${issue.cell}`);
}

describe('activity rows', () => {
  it('accepts a complete, correct activity', () => {
    expect(findings([activity()])).toEqual([]);
  });

  it('requires an activity ID', () => {
    expect(findings([activity({ activityId: '' })])).toEqual(['error required Aktiviteter!A2']);
    expect(findings([activity({ activityId: undefined })])).toEqual(['error required Aktiviteter!A2']);
  });

  it.each(['A/1', 'A\\1', 'A#1', 'A?1'])('rejects the forbidden character in the ID %p', (activityId) => {
    expect(findings([activity({ activityId })])).toEqual(['error invalid-id Aktiviteter!A2']);
  });

  it('rejects a control character in the ID: one XML cannot hold, and one it can but nobody sees', () => {
    expect(findings([activity({ activityId: 'A\u00011' })])).toEqual(['error xml-invalid-character Aktiviteter!A2']);
    expect(findings([activity({ activityId: 'A\u007f1' })])).toEqual(['error invisible-in-id Aktiviteter!A2']);
    expect(findings([activity({ activityId: 'A\u00851' })])).toEqual(['error invisible-in-id Aktiviteter!A2']);
  });

  it('limits an ID to 40 characters', () => {
    expect(findings([activity({ activityId: 'A'.repeat(40) })])).toEqual([]);
    expect(findings([activity({ activityId: 'A'.repeat(41) })])).toEqual(['error too-long Aktiviteter!A2']);
  });

  it('rejects a duplicate ID, naming both rows, without regard to case', () => {
    const validation = validateRecords(
      'activities',
      [activity({ activityId: 'a-1' }), activity({ activityId: 'B' }), activity({ activityId: 'A-1' })],
      context2013,
    );
    expect(validation.issues.map((issue) => [issue.code, issue.cell])).toEqual([['duplicate-id', 'Aktiviteter!A4']]);
    expect(validation.issues[0]?.message).toContain('rad 2 och rad 4');
  });

  it('requires a strand from the list', () => {
    expect(findings([activity({ strand: 'Spridning' })])).toEqual([]);
    expect(findings([activity({ strand: 'marknadsföring' })])).toEqual(['error invalid-list-value Aktiviteter!B2']);
    expect(findings([activity({ strand: '' })])).toEqual(['error required Aktiviteter!B2']);
  });

  it('requires an activity type, a target group and a status from their lists', () => {
    expect(findings([activity({ activityType: 'fest', targetGroup: 'politiker', status: 'klar' })])).toEqual([
      'error invalid-list-value Aktiviteter!C2',
      'error invalid-list-value Aktiviteter!G2',
      'error invalid-list-value Aktiviteter!O2',
    ]);
  });

  it('requires a title of 1–200 characters', () => {
    expect(findings([activity({ title: 'T'.repeat(200) })])).toEqual([]);
    expect(findings([activity({ title: 'T'.repeat(201) })])).toEqual(['error too-long Aktiviteter!D2']);
    expect(findings([activity({ title: '   ' })])).toEqual(['error required Aktiviteter!D2']);
  });

  it('requires the start date within the reported year', () => {
    expect(findings([activity({ startDate: '2013-01-01', endDate: '2013-01-01' })])).toEqual([]);
    expect(findings([activity({ startDate: '2012-12-31' })])).toEqual(['error date-outside-year Aktiviteter!E2']);
    expect(findings([activity({ startDate: '2014-01-02', endDate: '2014-01-03' })])).toEqual(['error date-outside-year Aktiviteter!E2']);
  });

  it('allows an activity to run on into the next year of the initiative', () => {
    expect(findings([activity({ startDate: '2013-11-01', endDate: '2014-06-30' })])).toEqual([]);
  });

  it('rejects an end date before the start date', () => {
    expect(findings([activity({ startDate: '2013-05-02', endDate: '2013-05-01' })])).toEqual(['error end-before-start Aktiviteter!F2']);
  });

  it('rejects an end date after the initiative ends', () => {
    expect(findings([activity({ endDate: '2014-12-31' })])).toEqual([]);
    expect(findings([activity({ endDate: '2015-01-01' })])).toEqual(['error end-after-initiative Aktiviteter!F2']);
  });

  it('requires both dates', () => {
    expect(findings([activity({ startDate: '', endDate: null })])).toEqual(['error required Aktiviteter!E2', 'error required Aktiviteter!F2']);
  });

  it('requires whole, non-negative participant counts', () => {
    expect(findings([activity({ participantsWomen: 2.5 })])).toEqual(['error not-whole-number Aktiviteter!H2']);
    expect(findings([activity({ participantsMen: -1 })])).toEqual(['error below-minimum Aktiviteter!I2']);
    expect(findings([activity({ participantsUnspecified: 'fem' })])).toEqual(['error invalid-number Aktiviteter!J2']);
  });

  it('warns when most participants are not broken down by sex', () => {
    expect(findings([activity({ participantsWomen: 3, participantsMen: 2, participantsUnspecified: 5 })])).toEqual([]);
    expect(findings([activity({ participantsWomen: 3, participantsMen: 2, participantsUnspecified: 6 })])).toEqual([
      'warning unspecified-majority Aktiviteter!J2',
    ]);
  });

  it('limits the extent to 0–1 000 hours', () => {
    expect(findings([activity({ hours: 1000 })])).toEqual([]);
    expect(findings([activity({ hours: 1000.5 })])).toEqual(['error above-maximum Aktiviteter!K2']);
    expect(findings([activity({ hours: -2 })])).toEqual(['error below-minimum Aktiviteter!K2']);
  });

  it('reads partners as text separated by semicolons', () => {
    const validation = validateRecords('activities', [activity({ partners: 'SKL; Göteborgs universitet' })], context2013);
    expect(validation.issues).toEqual([]);
    expect(validation.rows[0]?.values.partners).toBe('SKL; Göteborgs universitet');
  });

  it('requires the Jämställ.nu link to be an http(s) address', () => {
    expect(findings([activity({ publishedUrl: 'https://www.jamstall.nu/exempel/1' })])).toEqual([]);
    expect(findings([activity({ publishedUrl: 'www.jamstall.nu' })])).toEqual(['error invalid-url Aktiviteter!N2']);
    expect(findings([activity({ publishedUrl: 'ftp://jamstall.nu/x' })])).toEqual(['error invalid-url Aktiviteter!N2']);
    expect(findings([activity({ publishedUrl: 'javascript:alert(1)' })])).toEqual(['error invalid-url Aktiviteter!N2']);
  });

  it('warns when a completed learning example has no link', () => {
    expect(findings([activity({ learningExample: true, status: 'ongoing' })])).toEqual([]);
    expect(findings([activity({ learningExample: 'Ja', status: 'completed' })])).toEqual(['warning learning-example-without-link Aktiviteter!N2']);
  });

  it('warns when a completed activity has no result', () => {
    expect(findings([activity({ result: undefined, status: 'planned' })])).toEqual([]);
    expect(findings([activity({ result: '', status: 'completed' })])).toEqual(['warning completed-without-result Aktiviteter!P2']);
  });

  it('limits result and assessed effect to 2 000 characters', () => {
    expect(findings([activity({ result: 'r'.repeat(2000), effect: 'e'.repeat(2000) })])).toEqual([]);
    expect(findings([activity({ result: 'r'.repeat(2001), effect: 'e'.repeat(2001) })])).toEqual([
      'error too-long Aktiviteter!P2',
      'error too-long Aktiviteter!Q2',
    ]);
  });

  it('reports every issue of every row at once', () => {
    const rows = [activity({ activityId: 'A-1', strand: 'x', hours: 5000 }), activity({ activityId: 'A-2', startDate: 'då', title: '' })];
    expect(findings(rows)).toEqual([
      'error invalid-list-value Aktiviteter!B2',
      'error above-maximum Aktiviteter!K2',
      'error required Aktiviteter!D3',
      'error invalid-date Aktiviteter!E3',
    ]);
  });

  it('never throws on values of the wrong kind', () => {
    const strange = [activity({ title: { nested: true }, hours: [1], startDate: Symbol.for('x').toString(), learningExample: 7 }), null, 42, 'text'];
    expect(() => validateRecords('activities', strange, context2013)).not.toThrow();
  });
});
