import { summarizeVersion, type TemplateKey, type TemplateRows } from '@samla/shared';
import { RoundAcceptedError, RoundChangedError, RoundStore } from '../../../functions/src/storage/round-store';
import { ConcurrentSubmissionError, type NewSubmission } from '../../../functions/src/storage/submission-store';
import { TableSubmissionStore } from '../../../functions/src/storage/table-submission-store';
import { startAzurite, type AzuriteTables } from '../../support/azurite';
import { activityRows, expenseRows, openFreshTables } from './storage-fixtures';

let azurite: AzuriteTables;

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.stop();
});

async function open() {
  const tables = await openFreshTables(azurite.connectionString);
  const rounds = new RoundStore(tables);
  return { rounds, store: new TableSubmissionStore(tables, { round: rounds }) };
}

function submission<T extends TemplateKey>(template: T, rows: TemplateRows[T][], by = 'Anna'): NewSubmission<T> {
  return {
    board: 'I',
    year: 2013,
    template,
    rows,
    submittedBy: by,
    warningCount: 0,
    round: { nothingToReport: false, summary: summarizeVersion(template, rows, 0), warnings: [] },
  };
}

describe('the round beside the pointer', () => {
  it('moves to submitted in the pointer’s own transaction, with the event and the summary', async () => {
    const { rounds, store } = await open();
    await store.submit(submission('activities', activityRows(3, 'a')));
    const record = await rounds.record('I', 2013, 'activities');
    expect(record.status).toMatchObject({ state: 'submitted', version: 1 });
    expect(record.pointer).toMatchObject({ version: 1, rowCount: 3, nothingToReport: false, figures: { participantsWomen: 3 } });
    expect((await rounds.events('I', 2013, 'activities')).map((event) => event.kind)).toEqual(['submitted']);
  });

  it('refuses at the pointer a submission whose round was accepted after its rows were written', async () => {
    const { rounds, store } = await open();
    await store.submit(submission('activities', activityRows(2, 'a')));
    const staged = await store.stage(submission('activities', activityRows(2, 'b')));
    const accepted = await rounds.decide('I', 2013, 'activities', { kind: 'accepted', version: 1, at: '2014-01-02T10:00:00.000Z', by: 'Samordnare' });
    expect(accepted.ok).toBe(true);
    await expect(store.commit(staged)).rejects.toBeInstanceOf(RoundAcceptedError);
    expect((await rounds.record('I', 2013, 'activities')).pointer?.version).toBe(1);
  });

  it('lets a return that lands between the rows and the pointer win; the submission fails on the round’s ETag', async () => {
    const { rounds, store } = await open();
    await store.submit(submission('activities', activityRows(2, 'a')));
    const staged = await store.stage(submission('activities', activityRows(2, 'b')));
    // The submission has read the round at the pointer; the coordinator's return lands before its transaction.
    const read = await rounds.record('I', 2013, 'activities');
    expect(read.status.state).toBe('submitted');
    const returned = { kind: 'returned', version: 1, comment: 'Rätta', cells: [], at: '2014-01-02T10:00:00.000Z', by: 'Samordnare' } as const;
    const original = rounds.submittedMove.bind(rounds);
    rounds.submittedMove = async (...args) => {
      const move = await original(...args);
      expect((await rounds.decide('I', 2013, 'activities', returned)).ok).toBe(true);
      return move;
    };
    await expect(store.commit(staged)).rejects.toBeInstanceOf(RoundChangedError);
    rounds.submittedMove = original;
    const after = await rounds.record('I', 2013, 'activities');
    expect([after.pointer?.version, after.status.state]).toEqual([1, 'returned']);
  });

  it('reads the round with the pointer as the rows are staged: a return made while the rows are written fails the submission in words', async () => {
    const { rounds, store } = await open();
    await store.submit(submission('activities', activityRows(2, 'a')));
    const staged = await store.stage(submission('activities', activityRows(2, 'b')));
    expect(staged.round?.entity).toBeDefined();
    const returned = { kind: 'returned', version: 1, comment: 'Rätta', cells: [], at: '2014-01-02T10:00:00.000Z', by: 'Samordnare' } as const;
    expect((await rounds.decide('I', 2013, 'activities', returned)).ok).toBe(true);
    await expect(store.commit(staged)).rejects.toBeInstanceOf(RoundChangedError);
    const after = await rounds.record('I', 2013, 'activities');
    expect([after.pointer?.version, after.status.state]).toEqual([1, 'returned']);
    // Submitted again, it is stored over the return.
    await store.submit(submission('activities', activityRows(2, 'b')));
    expect((await rounds.record('I', 2013, 'activities')).status).toMatchObject({ state: 'submitted', version: 3 });
  });

  it('reads pointer, counter, gate and round in one start, the same record the round store reads, and moves only from it', async () => {
    const { rounds, store } = await open();
    await store.submit(submission('activities', activityRows(2, 'a')));
    const start = await store.readStart('I', 2013, 'activities');
    expect(start.record).toEqual(await rounds.record('I', 2013, 'activities'));
    expect([start.pointer?.version, start.counter?.lastVersion, start.round?.entity?.rowKey]).toEqual([1, 1, 'round']);
    // Another version made current after the start: the submission that started before it loses, in words.
    await store.submit(submission('activities', activityRows(3, 'c'), 'Bertil'));
    await expect(store.submit(submission('activities', activityRows(2, 'b')), start)).rejects.toBeInstanceOf(ConcurrentSubmissionError);
    expect((await rounds.record('I', 2013, 'activities')).pointer).toMatchObject({ version: 2, rowCount: 3 });
    // A start is for its own partition only.
    await expect(store.stage(submission('expenses', expenseRows(1, 'a')), start)).rejects.toThrow(/can't stage/);
  });

  it('undoes a committed template when its pair can’t move: pointer, audit entry and event as before', async () => {
    const { rounds, store } = await open();
    await store.submit(submission('activities', activityRows(2, 'a')));
    await store.submit(submission('expenses', expenseRows(2, 'a')));
    const activities = await store.stage(submission('activities', activityRows(4, 'b')));
    const expenses = await store.stage(submission('expenses', expenseRows(4, 'b')));
    const first = await store.commit(activities);
    await store.submit(submission('expenses', expenseRows(1, 'c'), 'Bertil')); // moves the expenses pointer first
    await expect(store.commit(expenses)).rejects.toBeInstanceOf(ConcurrentSubmissionError);
    expect(await store.revert(first)).toBe(true);
    const record = await rounds.record('I', 2013, 'activities');
    expect(record.pointer?.version).toBe(1);
    expect(record.status).toMatchObject({ state: 'submitted', version: 1 });
    expect((await store.history('I', 2013, 'activities')).map((version) => version.version)).toEqual([1]);
    expect((await rounds.events('I', 2013, 'activities')).map((event) => ('version' in event ? event.version : undefined))).toEqual([1]);
    expect((await store.current('I', 2013, 'activities'))?.rows).toHaveLength(2);
  });
});
