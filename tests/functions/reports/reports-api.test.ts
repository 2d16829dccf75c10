import { startSamlaApi, type RunningSamla } from '../../support/local-samla';
import { activity, expense } from '../../shared/fixtures';
import { loadWorkbook, xmlCells } from './workbook-reading';

let api: RunningSamla;
let staff: string;
let coordinator: string;
let finance: string;

beforeAll(async () => {
  api = await startSamlaApi();
  [staff, coordinator, finance] = await Promise.all([api.token('staff', 'I'), api.token('coordinator'), api.token('finance')]);
  for (const [template, rows] of [
    ['activities', [activity()]],
    ['expenses', [expense(), expense({ expenseId: 'K-2', amount: 99.95, funding: 'own' })]],
  ] as const) {
    const response = await api.call('POST', 'submissions', { token: staff, json: { board: 'I', year: 2013, template, rows } });
    expect(response.status).toBe(201);
  }
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

const submitActivities = () => api.call('POST', 'submissions', { token: staff, json: { board: 'I', year: 2013, template: 'activities', rows: [activity()] } });

describe('the consolidated workbooks over HTTP', () => {
  it('gives coordinators the draft final report as a Word document, and refuses a Word financial report in words', async () => {
    const response = await api.call('GET', 'reports/final?format=docx', { token: coordinator });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('content-disposition')).toContain('filename="Samla-slutredovisning-2013-2014.docx"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const refused = await api.call('GET', 'reports/financial?format=docx', { token: finance });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { detail: string }).detail).toContain('arbetsbok');
    expect((await api.call('GET', 'reports/status?format=pdf', { token: coordinator })).status).toBe(400);
  });

  it('gives coordinators the status report as a named xlsx built from the submitted rows', async () => {
    const response = await api.call('GET', 'reports/status', { token: coordinator });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toContain('filename="Samla-lagesrapport-2013.xlsx"');
    const bytes = Buffer.from(await response.arrayBuffer());
    const workbook = await loadWorkbook(bytes);
    expect(workbook.getWorksheet('Aktiviteter')?.getCell('C2').value).toBe('A-1');
    const ceilings = (await xmlCells(bytes)).get('Takbelopp');
    expect(ceilings?.get('C2')).toMatchObject({ value: '12500' });
    expect(ceilings?.get('C2')?.formula).toMatch(/^SUMIFS\(Kostnader!/);
  });

  it('gives finance the financial report with the requisitions it recorded', async () => {
    const put = await api.call('PUT', 'requisitions/2013', {
      token: finance,
      json: { movements: [{ kind: 'requisition', amount: 20000, date: '2013-10-01' }] },
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ year: 2013, revision: 1, movements: [{ kind: 'requisition', amount: 20000, date: '2013-10-01' }] });
    const response = await api.call('GET', 'reports/financial', { token: finance });
    expect(response.headers.get('content-disposition')).toContain('filename="Samla-ekonomisk-redovisning-2013-2014.xlsx"');
    const settlement = (await xmlCells(Buffer.from(await response.arrayBuffer()))).get('Avräkning');
    expect(settlement?.get('C2')?.value).toBe('20000');
    expect(settlement?.get('E2')?.value).toBe('Försenad (efter 2013-09-30)');
    expect(settlement?.get('I2')?.value).toBe('7500');
  });

  it('lets only coordinators and finance read reports, and only finance record requisitions', async () => {
    expect((await api.call('GET', 'reports/final', { token: staff })).status).toBe(403);
    expect((await api.call('GET', 'reports/final')).status).toBe(401);
    expect((await api.call('GET', 'reports/final', { token: finance })).status).toBe(200);
    expect((await api.call('PUT', 'requisitions/2013', { token: coordinator, json: { movements: [] } })).status).toBe(403);
    expect((await api.call('GET', 'reports/nonsense', { token: coordinator })).status).toBe(400);
    expect((await api.call('GET', 'reports/status?year=2099', { token: coordinator })).status).toBe(400);
  });

  it('refuses a malformed requisition list with a Swedish problem document', async () => {
    const response = await api.call('PUT', 'requisitions/2013', {
      token: finance,
      json: { movements: [{ kind: 'requisition', amount: 10.555, date: '2013-13-01' }] },
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { title: string; 'invalid-params': { name: string }[] };
    expect(problem.title).toBe('Felaktig begäran');
    expect(problem['invalid-params'].map((param) => param.name).sort()).toEqual(['movements.0.amount', 'movements.0.date']);
  });
});

describe('locking a reported year', () => {
  it('refuses submissions to a locked year with 409 until a coordinator unlocks it, recording both', async () => {
    expect((await api.call('PUT', 'locks/2013', { token: staff })).status).toBe(403);
    const locked = await api.call('PUT', 'locks/2013', { token: coordinator, json: { note: 'Lägesrapporten lämnad' } });
    expect(locked.status).toBe(200);

    const refused = await submitActivities();
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await refused.json()).toMatchObject({ title: 'Året är låst', year: 2013 });

    expect((await api.call('DELETE', 'locks/2013', { token: coordinator })).status).toBe(200);
    expect((await api.call('DELETE', 'locks/2013', { token: coordinator })).status).toBe(409);
    const state = (await (await api.call('GET', 'locks/2013', { token: coordinator })).json()) as {
      locked: boolean;
      history: { locked: boolean; changedBy: string; note?: string }[];
    };
    expect(state.locked).toBe(false);
    expect(state.history.map((event) => event.locked)).toEqual([false, true]);
    expect(state.history[1]?.note).toBe('Lägesrapporten lämnad');
    // Open again: the same rows as the current version pass the lock and are answered as unchanged (nothing stored twice).
    const open = await submitActivities();
    expect([open.status, ((await open.json()) as { unchanged?: boolean }).unchanged]).toEqual([200, true]);
  });

  it('shows the reporting round in the status report: a returned submission red, one awaiting review yellow', async () => {
    const history = (await (await api.call('GET', 'submissions/I/2013/activities', { token: coordinator })).json()) as { versions: { version: number }[] };
    const version = Math.max(...history.versions.map((entry) => entry.version));
    const returned = await api.call('POST', 'rounds/2013/I/activities/return', { token: coordinator, json: { version, comment: 'Ange målgruppen.' } });
    expect(returned.status).toBe(200);
    const cells = (await xmlCells(Buffer.from(await (await api.call('GET', 'reports/status', { token: coordinator })).arrayBuffer()))).get('Inlämningar');
    const row = [...(cells?.entries() ?? [])].find(([address, cell]) => /^B\d+$/.test(address) && cell.value === 'I')?.[0].slice(1);
    // Columns: A–C year and board, D–H activities (version, in, warnings, in time, review), I–M expenses, N status.
    expect([cells?.get(`H${row}`)?.value, cells?.get(`M${row}`)?.value, cells?.get(`N${row}`)?.value]).toEqual([
      'Återsänd för rättelse',
      'Väntar på granskning',
      'Komplett',
    ]);
    const overview = (await xmlCells(Buffer.from(await (await api.call('GET', 'reports/status', { token: coordinator })).arrayBuffer()))).get('Översikt');
    const line = [...(overview?.values() ?? [])].find((cell) => String(cell.value).includes('för rättelse'));
    expect(line?.value).toBe('0 godkända, 1 väntar på granskning, 1 återsänd för rättelse: I (Aktiviteter)');
    expect((await api.call('POST', 'rounds/2013/I/activities/reopen', { token: coordinator, json: {} })).status).toBe(200);
  });
});
