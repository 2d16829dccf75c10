import { applyRoundEvent, isRoundLate, LUJ_INITIATIVE, MISSING, roundDueDate, roundStatusOf, type RoundEvent, type RoundStatus } from '@samla/shared';

const at = '2014-01-20T10:00:00.000Z';
const by = 'Anna Andersson';
const submitted = (version: number, extra: Partial<RoundEvent> = {}): RoundEvent =>
  ({ kind: 'submitted', version, nothingToReport: false, at, by, ...extra }) as RoundEvent;

function moved(status: RoundStatus, event: RoundEvent): RoundStatus {
  const outcome = applyRoundEvent(status, event);
  if (!outcome.ok) throw new Error(`refused: ${outcome.refusal.code}`);
  return outcome.status;
}

describe('the reporting round', () => {
  it('starts missing and becomes submitted with the version and its time', () => {
    const status = moved(MISSING, submitted(1));
    expect(status).toMatchObject({ state: 'submitted', version: 1, submittedAt: at, nothingToReport: false });
  });

  it('keeps a nothing-to-report submission as such', () => {
    expect(moved(MISSING, submitted(1, { nothingToReport: true } as Partial<RoundEvent>)).nothingToReport).toBe(true);
  });

  it('returns the current version with its comment and cell comments', () => {
    const cells = [{ row: 3, column: 'amount', comment: 'Stämmer beloppet?' }];
    const status = moved(moved(MISSING, submitted(2)), { kind: 'returned', version: 2, comment: 'Se cellen', cells, at, by: 'Samordnare' });
    expect(status.state).toBe('returned');
    expect(status.cells).toEqual(cells);
  });

  it('answers a return with the next submission, which clears the cell comments', () => {
    const returned = moved(moved(MISSING, submitted(1)), {
      kind: 'returned',
      version: 1,
      comment: 'x',
      cells: [{ row: 2, column: 'title', comment: 'y' }],
      at,
      by,
    });
    const resubmitted = moved(returned, submitted(2));
    expect(resubmitted).toMatchObject({ state: 'submitted', version: 2, cells: [] });
  });

  it('refuses to return or accept a version that is not current', () => {
    const status = moved(MISSING, submitted(3));
    expect(applyRoundEvent(status, { kind: 'returned', version: 2, comment: 'x', cells: [], at, by })).toEqual({
      ok: false,
      refusal: { code: 'not-current-version', current: 3, given: 2 },
    });
    expect(applyRoundEvent(status, { kind: 'accepted', version: 4, at, by })).toMatchObject({ ok: false, refusal: { code: 'not-current-version' } });
  });

  it('refuses to return or accept when the board has nothing', () => {
    expect(applyRoundEvent(MISSING, { kind: 'accepted', version: 1, at, by })).toEqual({ ok: false, refusal: { code: 'nothing-submitted' } });
    expect(applyRoundEvent(MISSING, { kind: 'returned', version: 1, comment: 'x', cells: [], at, by })).toMatchObject({ ok: false });
  });

  it('closes an accepted round to submissions and returns until it is reopened', () => {
    const accepted = moved(moved(MISSING, submitted(1)), { kind: 'accepted', version: 1, at, by });
    expect(applyRoundEvent(accepted, submitted(2))).toEqual({ ok: false, refusal: { code: 'round-accepted', version: 1 } });
    expect(applyRoundEvent(accepted, { kind: 'returned', version: 1, comment: 'x', cells: [], at, by })).toMatchObject({ ok: false });
    const reopened = moved(accepted, { kind: 'reopened', at, by, comment: 'Rättelse behövs' });
    expect(reopened).toMatchObject({ state: 'submitted', version: 1 });
    expect(moved(reopened, submitted(2)).version).toBe(2);
  });

  it('refuses to reopen a round that is open', () => {
    expect(applyRoundEvent(moved(MISSING, submitted(1)), { kind: 'reopened', at, by })).toEqual({ ok: false, refusal: { code: 'not-closed' } });
  });

  it('replays a stored event log to the same status', () => {
    const events: RoundEvent[] = [
      submitted(1),
      { kind: 'returned', version: 1, comment: 'x', cells: [], at, by },
      submitted(2),
      { kind: 'accepted', version: 2, at, by },
    ];
    expect(roundStatusOf(events)).toMatchObject({ state: 'accepted', version: 2 });
  });

  it('dues a year by the first report that covers it', () => {
    expect(roundDueDate(LUJ_INITIATIVE, 2013)).toBe('2014-01-31');
    expect(roundDueDate(LUJ_INITIATIVE, 2014)).toBe('2015-03-01');
  });

  it('is late when submitted after the due day in Swedish time, or still missing after it', () => {
    const due = '2014-01-31';
    // 23:30 UTC on the 31st is already 1 February in Stockholm.
    expect(isRoundLate(moved(MISSING, submitted(1, { at: '2014-01-31T23:30:00Z' } as Partial<RoundEvent>)), due, '2014-02-10')).toBe(true);
    expect(isRoundLate(moved(MISSING, submitted(1, { at: '2014-01-31T20:00:00Z' } as Partial<RoundEvent>)), due, '2014-02-10')).toBe(false);
    expect(isRoundLate(MISSING, due, '2014-01-31')).toBe(false);
    expect(isRoundLate(MISSING, due, '2014-02-01')).toBe(true);
  });
});
