import {
  initiativeAnswerSchema,
  parseAnswer,
  roundAnswerSchema,
  sheetsReceiptSchema,
  versionAnswerSchema,
  type RoundAnswer,
  type RoundEntry,
  type TemplateKey,
} from '@samla/shared';
import { activity, expense } from '../../shared/fixtures';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

let api: RunningSamla;
let staffI: string;
let staffM: string;
let staffH: string;
let staffZ: string;
let staffN: string;
let coordinator: string;
let finance: string;

beforeAll(async () => {
  api = await startSamlaApi();
  [staffI, staffM, staffH, staffZ, staffN, coordinator, finance] = await Promise.all([
    api.token('staff', 'I'),
    api.token('staff', 'M'),
    api.token('staff', 'H'),
    api.token('staff', 'Z'),
    api.token('staff', 'N'),
    api.token('coordinator'),
    api.token('finance'),
  ]);
});

afterAll(async () => {
  await api?.stop();
});

async function call(method: string, route: string, token: string, json?: unknown, headers: Record<string, string> = {}) {
  const response = await api.call(method, route, { token, ...(json !== undefined ? { json } : {}), headers });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

const submit = (token: string, board: string, template: TemplateKey, rows: unknown[], extra: Record<string, unknown> = {}) =>
  call('POST', 'submissions', token, { board, year: 2013, template, rows, ...extra });

async function round(token: string, year = 2013): Promise<RoundAnswer> {
  const answer = await call('GET', `rounds/${year}`, token);
  expect(answer.status).toBe(200);
  return parseAnswer(roundAnswerSchema, answer.body, 'round');
}

async function entry(board: string, template: TemplateKey): Promise<RoundEntry> {
  const found = (await round(coordinator)).entries.find((candidate) => candidate.board === board && candidate.template === template);
  if (!found) throw new Error(`no entry for ${board} ${template}`);
  return found;
}

async function events(token: string, board: string, template: TemplateKey, version: number) {
  const answer = await call('GET', `submissions/${board}/2013/${template}/${version}`, token);
  return parseAnswer(versionAnswerSchema, answer.body, 'version').events ?? [];
}

describe('GET /api/initiative', () => {
  it('answers the settings and each year’s due day to anyone signed in', async () => {
    const answer = await call('GET', 'initiative', staffZ);
    const initiative = parseAnswer(initiativeAnswerSchema, answer.body, 'initiative');
    expect(initiative.settings.shortName).toBe('LUJ');
    expect(initiative.dueDates).toEqual([
      { year: 2013, due: '2014-01-31' },
      { year: 2014, due: '2015-03-01' },
    ]);
    expect((await api.call('GET', 'initiative')).status).toBe(401);
  });
});

describe('the round overview', () => {
  it('shows coordinators and finance all 21 boards × 2 templates, missing and late by the server’s clock', async () => {
    for (const token of [coordinator, finance]) {
      const answer = await round(token, 2014);
      expect(answer.dueDate).toBe('2015-03-01');
      expect(answer.entries).toHaveLength(42);
      expect(answer.entries.every((candidate) => candidate.state === 'missing' && candidate.late)).toBe(true);
    }
  });

  it('keeps a version’s summary: rows, warnings, participants by sex and costs by funding to the öre', async () => {
    const rows = [activity({ participantsWomen: 7, participantsMen: 3 }), activity({ activityId: 'A-2', status: 'completed', result: '' })];
    expect((await submit(staffI, 'I', 'activities', rows)).status).toBe(201);
    const costs = [expense({ amount: 1000.1 }), expense({ expenseId: 'K-2', amount: 0.2 }), expense({ expenseId: 'K-3', amount: 99.99, funding: 'own' })];
    expect((await submit(staffI, 'I', 'expenses', costs)).status).toBe(201);
    const activities = await entry('I', 'activities');
    expect(activities).toMatchObject({ state: 'submitted', version: 1, late: true, nothingToReport: false, submittedBy: expect.any(String) });
    expect(activities.summary).toMatchObject({ rows: 2, warnings: 1, figures: { participantsWomen: 19, participantsMen: 11, participantsUnspecified: 0 } });
    expect((await entry('I', 'expenses')).summary?.figures).toMatchObject({ grantCosts: 1000.3, ownCosts: 99.99 });
  });

  it('shows staff their own board only', async () => {
    const answer = await round(staffI);
    expect(answer.entries.map((candidate) => `${candidate.board} ${candidate.template}`)).toEqual(['I activities', 'I expenses']);
  });
});

describe('an empty template', () => {
  it('is refused in words unless the board says it has nothing to report, which is kept and shown', async () => {
    const refused = await submit(staffH, 'H', 'expenses', []);
    expect(refused.status).toBe(422);
    expect(refused.type).toMatch(/problem\+json/);
    expect(refused.body.detail).toMatch(/Kostnader är tom .* nothingToReport: true/);
    expect((await entry('H', 'expenses')).state).toBe('missing');
    expect((await submit(staffH, 'H', 'expenses', [activity()], { nothingToReport: true })).status).toBe(422);
    const nothing = await submit(staffH, 'H', 'expenses', [], { nothingToReport: true });
    expect(nothing.status).toBe(201);
    expect(await entry('H', 'expenses')).toMatchObject({ state: 'submitted', nothingToReport: true, summary: { rows: 0 } });
  });
});

describe('an empty template file', () => {
  const upload = async (query: string) => {
    const template = await api.call('GET', 'templates/activities?board=N&year=2013', { token: staffN });
    const response = await api.call('POST', `submissions/file?${query}`, {
      token: staffN,
      body: new Uint8Array(await template.arrayBuffer()),
      headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('is refused in words unless ?nothingToReport=true says so', async () => {
    const refused = await upload('board=N&year=2013');
    expect([refused.status, refused.body.reason]).toEqual([422, 'empty-template']);
    expect((await entry('N', 'activities')).state).toBe('missing');
    const nothing = await upload('board=N&year=2013&nothingToReport=true');
    expect(nothing.status).toBe(201);
    expect(await entry('N', 'activities')).toMatchObject({ state: 'submitted', nothingToReport: true });
  });
});

describe('return, accept and reopen', () => {
  beforeAll(async () => {
    expect((await submit(staffM, 'M', 'activities', [activity(), activity({ activityId: 'A-2' })])).status).toBe(201);
  });

  it('lets only a coordinator decide; finance and staff get 403 in words', async () => {
    for (const token of [finance, staffM, staffI]) {
      const answer = await call('POST', 'rounds/2013/M/activities/accept', token, { version: 1 });
      expect(answer.status).toBe(403);
      expect(answer.body.title).toBe('Åtkomst nekad');
    }
  });

  it('refuses bad returns with problem documents and writes nothing', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ version: 2, comment: 'Rätta' }, 409, /Aktiviteter för .* har ingen version 2; den gällande är version 1/],
      [{ version: 1, comment: '   ' }, 400, /Begärans innehåll/],
      [{ version: 1, comment: 'x'.repeat(2001) }, 400, /Begärans innehåll/],
      [{ version: 1, comment: 'Rätta', cells: [{ row: 2, column: 'nope', comment: 'Fel' }] }, 422, /1 cellkommentar pekar på en cell som inte finns/],
      [{ version: 1, comment: 'Rätta', cells: [{ row: 4, column: 'title', comment: 'Fel' }] }, 422, /1 cellkommentar pekar på en cell som inte finns/],
      [{ version: 1, comment: 'Rätta', cells: [{ row: 2, column: 7, comment: 'Fel' }] }, 400, /Begärans innehåll/],
    ];
    for (const [body, status, detail] of cases) {
      const answer = await call('POST', 'rounds/2013/M/activities/return', coordinator, body);
      expect([answer.status, answer.type]).toEqual([status, expect.stringMatching(/problem\+json/)]);
      expect(String(answer.body.detail)).toMatch(detail);
    }
    const nothing = await call('POST', 'rounds/2013/Z/activities/return', coordinator, { version: 1, comment: 'Rätta' });
    expect([nothing.status, nothing.body.title]).toEqual([409, 'Inget är inskickat']);
    const huge = await api.call('POST', 'rounds/2013/M/activities/return', { token: coordinator, json: { version: 1, comment: 'x'.repeat(10 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    expect(await entry('M', 'activities')).toMatchObject({ state: 'submitted', cells: [] });
    expect((await events(coordinator, 'M', 'activities', 1)).map((event) => event.kind)).toEqual(['submitted']);
  });

  it('returns the current version with a comment and cell comments, which the board’s staff see and other boards don’t', async () => {
    const cells = [{ row: 3, column: 'participantsMen', comment: 'Stämmer antalet män?' }];
    const answer = await call('POST', 'rounds/2013/M/activities/return', coordinator, { version: 1, comment: 'Se över deltagarna.', cells });
    expect(answer.status).toBe(200);
    const seen = (await round(staffM)).entries.find((candidate) => candidate.template === 'activities');
    expect(seen).toMatchObject({ state: 'returned', cells, lastEvent: { kind: 'returned', comment: 'Se över deltagarna.', cells } });
    expect((await round(staffI)).entries.some((candidate) => candidate.board === 'M')).toBe(false);
    expect((await call('GET', 'submissions/M/2013/activities/1', staffI)).status).toBe(403);
  });

  it('answers a return with the next submission, accepts it, refuses submissions with 409 in words until reopened', async () => {
    expect((await submit(staffM, 'M', 'activities', [activity({ participantsMen: 9 }), activity({ activityId: 'A-2' })])).status).toBe(201);
    expect(await entry('M', 'activities')).toMatchObject({ state: 'submitted', version: 2, cells: [] });
    // The version the coordinator looked at has been replaced since: that is what the refusal says.
    const stale = await call('POST', 'rounds/2013/M/activities/accept', coordinator, { version: 1 });
    expect([stale.status, (stale.body as { detail?: string }).detail]).toEqual([
      409,
      expect.stringMatching(/^Version 1 av .* gäller inte längre; den gällande är version 2/),
    ]);
    expect((await call('POST', 'rounds/2013/M/activities/accept', coordinator, { version: 2 })).status).toBe(200);
    const closed = await submit(staffM, 'M', 'activities', [activity({ title: 'Ny' })]);
    expect([closed.status, closed.body.title]).toEqual([409, 'Inlämningen är godkänd']);
    expect(closed.body.detail).toMatch(/Aktiviteter för län M 2013 är godkänd av .* \(version 2\)\. Inget har sparats\. Be en samordnare att öppna/);
    const sheets = await call('POST', 'submissions', staffM, {
      board: 'M',
      year: 2013,
      sheets: { activities: [activity({ title: 'Ny' })], expenses: [expense()] },
    });
    expect(sheets.status).toBe(409);
    expect((await entry('M', 'expenses')).state).toBe('missing');
    // The pane sends both templates in one step: the accepted activities exactly as accepted change nothing, so the
    // expenses beside them are stored.
    const beside = await call('POST', 'submissions', staffM, {
      board: 'M',
      year: 2013,
      sheets: { activities: [activity({ participantsMen: 9 }), activity({ activityId: 'A-2' })], expenses: [expense()] },
    });
    expect(beside.status).toBe(201);
    expect((await entry('M', 'expenses')).state).toBe('submitted');
    expect(await entry('M', 'activities')).toMatchObject({ state: 'accepted', version: 2 });
    expect((await call('POST', 'rounds/2013/M/activities/return', coordinator, { version: 2, comment: 'Nej' })).status).toBe(409);
    expect((await call('POST', 'rounds/2013/M/activities/reopen', coordinator, { comment: 'Ny uppgift från länet.' })).status).toBe(200);
    expect((await submit(staffM, 'M', 'activities', [activity({ title: 'Ny' })])).status).toBe(201);
    const kept = await events(staffM, 'M', 'activities', 3);
    expect(kept.map((event) => [event.kind, event.version])).toEqual([
      ['submitted', 1],
      ['returned', 1],
      ['submitted', 2],
      ['accepted', 2],
      ['reopened', undefined],
      ['submitted', 3],
    ]);
    expect(kept.every((event) => event.by.length > 0 && !Number.isNaN(Date.parse(event.at)))).toBe(true);
  });

  it('lets one of a return and a submission racing each other win; the other gets 409', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await entry('M', 'activities');
      const version = before.version ?? 0;
      const [returned, submitted] = await Promise.all([
        call('POST', 'rounds/2013/M/activities/return', coordinator, { version, comment: `Retur ${attempt}` }),
        submit(staffM, 'M', 'activities', [activity({ title: `Kapplöpning ${attempt}` })]),
      ]);
      const after = await entry('M', 'activities');
      // Whatever the timing, the outcome is one of the two orders, never both lost nor a return of a replaced version.
      if (submitted.status === 409) {
        expect(returned.status).toBe(200);
        expect(after).toMatchObject({ state: 'returned', version });
      } else {
        expect(submitted.status).toBe(201);
        expect(after).toMatchObject({ state: 'submitted', version: version + 1 });
        const kinds = (await events(coordinator, 'M', 'activities', version + 1)).slice(-2).map((event) => [event.kind, event.version]);
        if (returned.status === 200)
          expect(kinds).toEqual([
            ['returned', version],
            ['submitted', version + 1],
          ]);
        else expect([returned.status, kinds[1]]).toEqual([409, ['submitted', version + 1]]);
      }
      if (after.state === 'returned') await call('POST', 'rounds/2013/M/activities/reopen', coordinator);
    }
  });
});

describe('cell comments by the column a coordinator sees', () => {
  let staffK: string;
  const returnK = (body: unknown, query = '') => call('POST', `rounds/2013/K/activities/return${query}`, coordinator, body);
  const problems = (body: Record<string, unknown>) => body['invalid-params'] as { name: string; reason: string }[];

  beforeAll(async () => {
    staffK = await api.token('staff', 'K');
    const rows = [activity(), activity({ activityId: 'K-2' }), activity({ activityId: 'K-3' })];
    expect((await submit(staffK, 'K', 'activities', rows)).status).toBe(201);
  });

  it('refuses an unknown column in words, listing each column’s letter, header and key, and counts comments, not reasons', async () => {
    const cells = [
      { row: 99, column: 'title', comment: 'Raden finns inte' },
      { row: 2, column: 'Aktivitetens namn', comment: 'Ingen sådan rubrik' },
      { row: 0, column: 'A', comment: 'Rad 0 finns inte' },
      { row: 5, column: 'R', comment: 'Bortom sista kolumnen (Q) och raden' },
    ];
    const sv = await returnK({ version: 1, comment: 'Rätta', cells });
    expect([sv.status, sv.body.title]).toEqual([422, 'Kommentaren pekar utanför mallen']);
    expect(sv.body.detail).toBe('4 cellkommentarer pekar på celler som inte finns i Aktiviteter för län K 2013.');
    expect(problems(sv.body).map((problem) => problem.name)).toEqual(['cells.0.row', 'cells.1.column', 'cells.2.row', 'cells.3.column', 'cells.3.row']);
    const column = problems(sv.body)[1]?.reason ?? '';
    expect(column).toMatch(
      /^”Aktivitetens namn” är ingen kolumn i Aktiviteter; ange kolumnens bokstav, rubrik eller nyckel: A ”Aktivitets-ID” \(activityId\), B ”Uppdragsdel” \(strand\)/,
    );
    expect(column).toContain('D ”Rubrik” (title)');
    expect(column).toContain('Q ”Bedömd effekt” (effect)');
    const en = await returnK({ version: 1, comment: 'Fix', cells: [{ row: 2, column: 'Activity name', comment: 'No such header' }] }, '?lang=en');
    expect([en.status, en.body.detail]).toEqual([422, '1 cell comment points at a cell that does not exist in Aktiviteter of county K 2013.']);
    expect(problems(en.body)[0]?.reason).toMatch(
      /^“Activity name” is no column of Aktiviteter; give the column's letter, header or key: A “Aktivitets-ID” \/ “Activity ID” \(activityId\)/,
    );
    expect(problems(en.body)[0]?.reason).toContain('D “Rubrik” / “Title” (title)');
    expect(await entry('K', 'activities')).toMatchObject({ state: 'submitted', cells: [] });
  });

  it('takes the header (Swedish or English), the letter or the key, in any case and with spaces, and stores the key', async () => {
    const named = ['Rubrik', '  rubrik ', 'TITLE', 'd', ' D ', 'title', 'Deltagare män', 'participants, men', 'I', 'g', 'Aktivitets-ID', 'activityid', 'q'];
    const cells = named.map((column, index) => ({ row: 2 + (index % 3), column, comment: `Kommentar ${index + 1}` }));
    const answer = await returnK({ version: 1, comment: 'Se över kommentarerna.', cells });
    expect(answer.status).toBe(200);
    const stored = [
      'title',
      'title',
      'title',
      'title',
      'title',
      'title',
      'participantsMen',
      'participantsMen',
      'participantsMen',
      'targetGroup',
      'activityId',
      'activityId',
      'effect',
    ];
    const expected = cells.map((cell, index) => ({ ...cell, column: stored[index] }));
    expect(answer.body.cells).toEqual(expected);
    const seen = (await round(staffK)).entries.find((candidate) => candidate.template === 'activities');
    expect(seen).toMatchObject({ state: 'returned', cells: expected, lastEvent: { kind: 'returned', cells: expected } });
  });

  it('reads the letters of the template that is returned: Kostnader ends at I', async () => {
    expect((await submit(staffK, 'K', 'expenses', [expense()])).status).toBe(201);
    const refused = await call('POST', 'rounds/2013/K/expenses/return', coordinator, {
      version: 1,
      comment: 'Rätta',
      cells: [{ row: 2, column: 'J', comment: 'x' }],
    });
    expect(refused.status).toBe(422);
    expect(problems(refused.body)[0]?.reason).toContain('G ”Belopp (kr exkl. moms)” (amount), H ”Verifikationsnummer” (voucher), I ”Finansiering” (funding)');
    const cells = [
      { row: 2, column: 'g', comment: 'Stämmer beloppet?' },
      { row: 2, column: 'Belopp (kr exkl. moms)', comment: 'Moms?' },
    ];
    const answer = await call('POST', 'rounds/2013/K/expenses/return', coordinator, { version: 1, comment: 'Rätta', cells });
    expect(answer.status).toBe(200);
    expect((answer.body.cells as { column: string }[]).map((cell) => cell.column)).toEqual(['amount', 'amount']);
  });
});

describe('both templates as one step (sheets)', () => {
  const body = (title: string) => ({
    board: 'Z',
    year: 2013,
    sheets: { activities: [activity({ activityId: 'Z-1', title })], expenses: [expense({ activityId: 'Z-1' })] },
  });

  it('stores neither when one template has an error, judging expenses against the activities sent with them', async () => {
    const refused = await call('POST', 'submissions', staffZ, {
      board: 'Z',
      year: 2013,
      sheets: { activities: [activity({ activityId: 'Z-1' })], expenses: [expense({ activityId: 'A-1' })] },
    });
    expect(refused.status).toBe(422);
    expect((refused.body.errors as { cell: string }[]).map((issue) => issue.cell)).toEqual(['Kostnader!D2']);
    expect((await round(staffZ)).entries.map((candidate) => candidate.state)).toEqual(['missing', 'missing']);
  });

  it('stores both, answers an identical resubmission as unchanged, and replays an Idempotency-Key', async () => {
    const stored = await call('POST', 'submissions', staffZ, body('Första'), { 'Idempotency-Key': 'z-1' });
    expect(stored.status).toBe(201);
    const receipts = parseAnswer(sheetsReceiptSchema, stored.body, 'sheets').receipts;
    expect(receipts.map((receipt) => [receipt.template, receipt.version, receipt.rows, receipt.unchanged])).toEqual([
      ['activities', 1, 1, undefined],
      ['expenses', 1, 1, undefined],
    ]);
    const replay = await api.call('POST', 'submissions', { token: staffZ, json: body('Första'), headers: { 'Idempotency-Key': 'z-1' } });
    expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    const same = await call('POST', 'submissions', staffZ, body('Första'));
    expect(same.status).toBe(200);
    expect(parseAnswer(sheetsReceiptSchema, same.body, 'sheets').receipts.map((receipt) => [receipt.version, receipt.unchanged])).toEqual([
      [1, true],
      [1, true],
    ]);
    const history = await call('GET', 'submissions/Z/2013/activities', staffZ);
    expect((history.body.versions as unknown[]).length).toBe(1);
    const changed = await call('POST', 'submissions', staffZ, body('Andra'));
    expect(parseAnswer(sheetsReceiptSchema, changed.body, 'sheets').receipts.map((receipt) => [receipt.version, receipt.unchanged])).toEqual([
      [2, undefined],
      [1, true],
    ]);
  });
});

describe('GET /api/submissions/{board}/{year}/{template}/{version}', () => {
  it('answers that version’s rows, its kept warnings and the round’s events', async () => {
    const answer = await call('GET', 'submissions/I/2013/activities/1', finance);
    const version = parseAnswer(versionAnswerSchema, answer.body, 'version');
    expect(version.version).toMatchObject({ board: 'I', version: 1, rowCount: 2 });
    expect(version.rows.map((row) => row.activityId)).toEqual(['A-1', 'A-2']);
    expect(version.warnings.map((issue) => [issue.code, issue.cell])).toEqual([['completed-without-result', 'Aktiviteter!P3']]);
    expect(version.events?.map((event) => event.kind)).toEqual(['submitted']);
    const many = Array.from({ length: 1_200 }, (_, index) => activity({ activityId: `W-${index + 1}`, status: 'completed', result: '' }));
    expect((await submit(staffI, 'I', 'activities', many)).status).toBe(201);
    const bounded = parseAnswer(versionAnswerSchema, (await call('GET', 'submissions/I/2013/activities/2', staffI)).body, 'version');
    // 1 200 completed activities without a result, and the one warning that the dropped A-1 is still linked from Kostnader.
    expect(bounded.warnings[0]?.code).toBe('activity-still-linked');
    expect([bounded.rows.length, bounded.warnings.length, bounded.omittedWarnings, bounded.summary?.warnings]).toEqual([1_200, 1_000, 201, 1_201]);
    const missing = await call('GET', 'submissions/I/2013/activities/9', staffI);
    expect([missing.status, missing.body.title]).toEqual([404, 'Hittades inte']);
  });
});
