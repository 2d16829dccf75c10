/**
 * Each role's pane in a real Chromium against the REAL API: the browser preview served by the add-in's webpack dev
 * server, proxying /api through a small fault-injecting proxy (support/api-proxy.ts) to the local functions host and
 * a real Azurite. The reporting round's loop: staff of board I submit both templates as one request while board M
 * submits nothing; the coordinator sees I submitted and M missing and late, filters, totals and charts, compares I's
 * two versions and returns the activities with a comment on a cell; staff see it on sign-in, go to the cell and
 * resubmit through a cut connection and a lost answer (one version stored, checked through the API); a hung server
 * gives the timeout message and Avbryt; the coordinator accepts the activities, staff may still send both templates
 * unchanged (the accepted ones answered as unchanged), a direct submit of changed activities gets
 * 409 in words, the coordinator reopens; finance records a requisition and a repayment in Swedish, and the financial
 * report holds them. Each pane is checked with axe-core. Screenshots go to test-output/screenshots/.
 */
import { mkdirSync } from 'fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import {
  parseAnswer,
  problemSchema,
  roundAnswerSchema,
  submissionHistorySchema,
  yearFundsAnswerSchema,
  type RoundEntry,
  type TemplateKey,
} from '@samla/shared';
import { activity, expense } from '../shared/fixtures';
import { launchChromium } from '../support/chromium';
import { LATER_2020_2021, initiativeFile } from '../support/later-initiatives';
import { startSamlaApi, type RunningSamla } from '../support/local-samla';
import { startApiProxy, type ApiProxy } from './support/api-proxy';
import { cell, notice, openPreview as openPreviewOf, screenshot, SCREENSHOTS, signIn, signOut, typeRow } from './support/pane-page';
import { startPaneServer, type PaneServer } from './support/pane-server';

const SUBMIT = /^POST \/api\/submissions$/;

let api: RunningSamla;
let proxy: ApiProxy;
let pane: PaneServer;
let browser: Browser;
/** Board I's staff keep one pane open through the loop: the preview's workbook lives in the page. */
let staffPage: Page;

/** Boards C and D submit both templates straight to the API; board I has a first version the pane will replace. */
async function seed(): Promise<void> {
  const sheets = async (board: string, activities: unknown[], expenses: unknown[]) => {
    const token = await api.token('staff', board);
    const response = await api.call('POST', 'submissions', { token, json: { board, year: 2013, sheets: { activities, expenses } } });
    if (response.status !== 201) throw new Error(`seeding ${board}: ${response.status} ${await response.text()}`);
  };
  await sheets('C', [activity({ activityId: 'C-1' }), activity({ activityId: 'C-2', strand: 'support' })], [expense({ activityId: 'C-1' })]);
  await sheets('D', [activity({ activityId: 'D-1', participantsWomen: 30, participantsMen: 11 })], [expense({ activityId: 'D-1', funding: 'own' })]);
  await sheets('I', [activity({ activityId: 'A-1' }), activity({ activityId: 'A-9', title: 'Stryks i nästa version' })], [expense()]);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  api = await startSamlaApi();
  proxy = await startApiProxy(new URL(api.url).origin);
  pane = await startPaneServer(proxy.url);
  browser = await launchChromium();
  await seed();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await pane?.stop();
  await proxy?.stop();
  await api?.stop();
});

/** A JSON answer of the real API, as the given role (and board) sees it. */
async function apiJson(route: string, role: 'staff' | 'coordinator' | 'finance', board?: string): Promise<unknown> {
  const response = await api.call('GET', route, { token: await api.token(role, board) });
  expect(response.status).toBe(200);
  return response.json();
}

async function roundEntry(board: string, template: TemplateKey): Promise<RoundEntry | undefined> {
  const round = parseAnswer(roundAnswerSchema, await apiJson('rounds/2013', 'coordinator'), 'round');
  return round.entries.find((entry) => entry.board === board && entry.template === template);
}

async function versionsOf(board: string, template: TemplateKey): Promise<number[]> {
  const history = parseAnswer(submissionHistorySchema, await apiJson(`submissions/${board}/2013/${template}`, 'coordinator'), 'history');
  return history.versions.map((version) => version.version).sort((a, b) => a - b);
}

const submissionPosts = () => proxy.requests.filter((request) => SUBMIT.test(request.line));

const openPreview = (): Promise<Page> => openPreviewOf(browser, pane.url, { loadTimeoutMs: 300_000 });
const shot = (page: Page, name: string): Promise<void> => screenshot(page, 'roles', name);

/** axe-core's serious and critical violations in the pane (axe.min.js injected from the pinned package). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: object, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    // Tabster's focus sentinels (data-tabster-dummy) inside Fluent's charts are aria-hidden on purpose: they forward
    // focus and hold no content. Everything else in the pane is checked.
    const result = await axe.run({ include: [['.samla-pane']], exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
}

/** Board I's version 2 as staff type it: A-1 changed (10 women, not 12), A-2 new, A-9 gone; K-1 changed. */
async function typeBoardI(page: Page): Promise<void> {
  await typeRow(page, 'Aktiviteter', 2, [
    'A-1',
    'Kompetensutveckling',
    'Utbildning',
    'Grundutbildning i jämställdhetsintegrering',
    '2013-03-01',
    '2013-03-02',
    'Chefer',
    '10',
    '8',
    '0',
    '16',
    '',
    'Nej',
    '',
    'Genomförd',
    'Alla chefer har genomgått utbildningen.',
  ]);
  await typeRow(page, 'Aktiviteter', 3, [
    'A-2',
    'Samordning',
    'Nätverksträff',
    'Nätverksträff för JI-samordnare',
    '2013-05-14',
    '2013-05-14',
    'Handläggare',
    '7',
    '5',
    '0',
    '3,5',
    'SKL',
    'Nej',
    '',
    'Genomförd',
    'Gemensam plan',
  ]);
  await typeRow(page, 'Kostnader', 2, [
    'K-1',
    '2013-03-05',
    'Lokaler och konferenser',
    'A-1',
    'Lokalhyra',
    'Visby Konferens AB',
    '4 500',
    'V-2013-0042',
    'Anslag (3:1 ap. 12)',
  ]);
}

describe('the role panes in Chromium, against the local functions and Azurite', () => {
  it('lets staff of board I submit both templates in one request, while board M submits nothing', async () => {
    staffPage = await openPreview();
    const page = staffPage;
    await page.getByRole('button', { name: 'Skapa mallar' }).click();
    await page.getByText('Mallarna skapades').waitFor();
    await signIn(page, 'staff', 'I');
    await typeBoardI(page);
    await page.getByRole('button', { name: 'Skicka in' }).click();
    expect(await notice(page)).toContain('Inskicket är klart.');
    expect(await page.locator('.samla-notice li').allInnerTexts()).toEqual([
      'Aktiviteter: version 2 sparad, 2 rader, 0 varningar.',
      'Kostnader: version 2 sparad, 1 rad, 0 varningar.',
    ]);
    await shot(page, 'staff-1-submitted');
    const posts = submissionPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toMatchObject({
      board: 'I',
      year: 2013,
      sheets: {
        activities: [expect.objectContaining({ activityId: 'A-1', participantsWomen: 10 }), expect.objectContaining({ activityId: 'A-2', hours: 3.5 })],
        expenses: [expect.objectContaining({ expenseId: 'K-1', amount: 4500, category: 'premises' })],
      },
    });
    expect(await versionsOf('I', 'activities')).toEqual([1, 2]);
    expect(await versionsOf('M', 'activities')).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  }, 300_000);

  it('gives the coordinator the round: I submitted, M missing and late, filters, totals, charts, two versions compared, a return with a cell comment', async () => {
    const page = await openPreview();
    await signIn(page, 'coordinator');
    await page.getByRole('heading', { name: 'Översikt 2013' }).waitFor();
    await page.locator('table.samla-round-table tbody tr').first().waitFor();
    expect(await page.locator('table.samla-round-table tbody tr').count()).toBe(42);
    // LUJ's 2013 was due 2014-01-31: on today's clock everything is late, submitted or not.
    expect(await page.locator('[data-totals="states"]').innerText()).toBe(
      '6 av 42 mallar inskickade eller granskade: 0 godkända, 0 återskickade. 36 saknas, 42 sena.',
    );
    expect(await page.getByText('Sista dag för 2013: 2014-01-31.').count()).toBe(1);
    const stateOf = (board: string, template: TemplateKey) => page.locator(`tr[data-board="${board}"][data-template="${template}"] .samla-state`).innerText();
    expect(await stateOf('I', 'activities')).toMatch(/^Inskickad · sen$/i);
    expect(await stateOf('M', 'activities')).toMatch(/^Saknas · sen$/i);
    expect(await page.locator('figure.samla-chart svg').count()).toBeGreaterThanOrEqual(2);
    const grantCaption = page.locator('figure.samla-chart figcaption', { hasText: 'Anslagsfinansierade kostnader mot årets tak' });
    expect(await grantCaption.evaluate((caption) => caption.scrollWidth <= caption.clientWidth)).toBe(true);
    await shot(page, 'coordinator-1-overview');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('radio', { name: 'Saknas' }).check();
    expect(await page.locator('tr[data-board="M"]').count()).toBe(2);
    expect(await page.locator('tr[data-board="I"]').count()).toBe(0);
    await page.getByRole('radio', { name: 'Sena' }).check();
    expect(await page.locator('tr[data-board="I"]').count()).toBe(2);
    await shot(page, 'coordinator-2-late');

    const finder = page.getByRole('combobox', { name: 'Öppna länsstyrelse (sök på län)' });
    await finder.click();
    await finder.pressSequentially('gotl');
    await page.locator('.fui-Combobox__listbox').getByRole('option', { name: 'Gotlands län' }).click();
    await page.getByRole('heading', { name: 'Länsstyrelsen i Gotlands län · 2013' }).waitFor();
    await page.getByRole('heading', { name: 'Aktiviteter, version 2' }).waitFor();
    expect(await page.locator('table.samla-rows tbody tr').count()).toBe(2);
    await page.getByRole('button', { name: 'Jämför' }).click();
    await page.getByText(/^Tillagda: 1 rad\. Borttagna: 1 rad\. Ändrade: 1 rad\. Oförändrade: 0 rader\./).waitFor();
    await shot(page, 'coordinator-3-compared');

    await page.getByLabel('Kommentar till länsstyrelsen').fill('Ange rätt målgrupp för grundutbildningen.');
    await page.getByLabel('Rad i bladet').fill('2');
    // The choices show the column letters of the sheet beside the headers; the key is what is sent.
    expect(await page.getByLabel('Kolumn').locator('option').allInnerTexts()).toEqual(
      expect.arrayContaining(['A – Aktivitets-ID', 'G – Målgrupp', 'Q – Bedömd effekt']),
    );
    await page.getByLabel('Kolumn').selectOption('targetGroup');
    await page.getByLabel('Kommentar på cellen').fill('Utbildningen gällde handläggare, inte chefer.');
    await page.getByRole('button', { name: 'Lägg till kommentaren' }).click();
    await page.getByRole('button', { name: 'Skicka tillbaka version 2' }).click();
    expect(await notice(page)).toBe('Aktiviteter från Länsstyrelsen i Gotlands län skickades tillbaka.');
    expect(await roundEntry('I', 'activities')).toMatchObject({
      state: 'returned',
      version: 2,
      cells: [{ row: 2, column: 'targetGroup', comment: 'Utbildningen gällde handläggare, inte chefer.' }],
    });
    await shot(page, 'coordinator-4-returned');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 180_000);

  it('shows staff the return on sign-in, takes them to the marked cell, and stores one version through a cut connection and a lost answer', async () => {
    const page = staffPage;
    await signOut(page);
    await signIn(page, 'staff', 'I');
    await page.getByText(/Aktiviteter har skickats tillbaka för rättning av /).waitFor();
    expect(await page.locator('.samla-returned').innerText()).toContain('Kommentar: Ange rätt målgrupp för grundutbildningen.');
    await page.getByRole('button', { name: 'Aktiviteter!G2: Utbildningen gällde handläggare, inte chefer.' }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-cell') === 'G2');
    expect(await page.locator('table[aria-label="Aktiviteter"] td[data-mark="warning"] input[data-cell="G2"]').count()).toBe(1);
    await shot(page, 'staff-2-returned');
    expect(await axeViolations(page)).toEqual([]);
    await cell(page, 'Aktiviteter', 'G2').fill('Handläggare');

    // The connection is cut before the API sees the request: both templates stay as they were.
    proxy.fail(SUBMIT, 'drop-request');
    await page.getByRole('button', { name: 'Skicka in' }).click();
    expect(await notice(page)).toContain('Kunde inte nå Samlas server.');
    expect([await versionsOf('I', 'activities'), await versionsOf('I', 'expenses')]).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect((await roundEntry('I', 'activities'))?.state).toBe('returned');
    await shot(page, 'staff-3-cut');

    // The API stores it, then the answer is lost on the way back: the pane can't know, and offers the same key again.
    proxy.fail(SUBMIT, 'drop-answer');
    await page.getByRole('button', { name: 'Försök igen' }).click();
    // The old notice says the same: wait for the lost answer itself, then for the pane to settle.
    while (!proxy.requests.some((request) => request.outcome === 'drop-answer')) await page.waitForTimeout(50);
    await page.locator('main.samla-pane[aria-busy="false"]').waitFor();
    expect(await notice(page)).toContain('Kunde inte nå Samlas server.');
    await page.getByRole('button', { name: 'Försök igen' }).click();
    expect(await notice(page)).toContain('Inskicket är klart.');
    const posts = submissionPosts().slice(1);
    expect(posts.map((post) => post.outcome)).toEqual(['drop-request', 'drop-answer', 'passed']);
    expect(new Set(posts.map((post) => post.key)).size).toBe(1);
    expect(posts[0]?.key).toBeTruthy();
    // Only the activities changed: exactly one new version of them, and the expenses' version 2 stays current.
    expect([await versionsOf('I', 'activities'), await versionsOf('I', 'expenses')]).toEqual([
      [1, 2, 3],
      [1, 2],
    ]);
    expect(await page.locator('.samla-notice li').allInnerTexts()).toEqual([
      'Aktiviteter: version 3 sparad, 2 rader, 0 varningar.',
      'Kostnader: samma innehåll som version 2; ingen ny version sparades.',
    ]);
    // The resubmission answers the return.
    expect((await roundEntry('I', 'activities'))?.state).toBe('submitted');
    await shot(page, 'staff-4-resubmitted');
  }, 180_000);

  it('says when the server does not answer in time, and Avbryt gives control back', async () => {
    const page = staffPage;
    await page.getByRole('button', { name: 'Visa historik' }).click();
    await page.locator('table.samla-history').first().waitFor();
    proxy.fail(/^GET \/api\/submissions\/I\/2013\/activities\/1$/, 'hold');
    await page.getByRole('button', { name: 'Visa version 1 av Aktiviteter' }).click();
    await page.getByText('Servern svarade inte inom 30 sekunder.', { exact: false }).waitFor({ timeout: 60_000 });
    await shot(page, 'staff-5-timeout');
    proxy.release();

    proxy.fail(/^GET \/api\/submissions\/I\/2013\/activities\/1$/, 'hold');
    await page.getByRole('button', { name: 'Visa version 1 av Aktiviteter' }).click();
    await page.getByRole('button', { name: 'Avbryt' }).click();
    expect(await notice(page)).toBe('Avbrutet.');
    proxy.release();
    await page.getByRole('button', { name: 'Visa version 1 av Aktiviteter' }).click();
    await page.getByRole('heading', { name: 'Aktiviteter, version 1' }).waitFor();
  }, 180_000);

  it('keeps an accepted template as accepted, refuses a changed one with 409 in words, and opens it again on reopen', async () => {
    const coordinator = await openPreview();
    await signIn(coordinator, 'coordinator');
    await coordinator.getByRole('button', { name: 'Gotlands län' }).click();
    await coordinator.getByRole('button', { name: 'Godkänn version 3' }).click();
    expect(await notice(coordinator)).toBe('Aktiviteter från Länsstyrelsen i Gotlands län, version 3, är godkänd.');
    expect((await roundEntry('I', 'activities'))?.state).toBe('accepted');

    const page = staffPage;
    await signOut(page);
    await signIn(page, 'staff', 'I');
    await page.getByText('Aktiviteter: version 3 är godkänd.').waitFor();
    // Only the activities are accepted: the costs can still be sent, and the pane says what happens to the activities.
    expect(await page.getByRole('button', { name: 'Skicka in' }).isDisabled()).toBe(false);
    expect(await page.locator('.samla-closed').innerText()).toBe(
      'Aktiviteter är godkänd och ändras inte: skickas raderna in oförändrade sparas bara den andra mallen. Be samordnaren öppna Aktiviteter igen om något där måste ändras.',
    );
    await shot(page, 'staff-6-accepted');
    // Both templates sent as they are: the accepted activities are answered as unchanged, not refused.
    await page.getByRole('button', { name: 'Skicka in' }).click();
    expect(await notice(page)).toContain('Aktiviteter: samma innehåll som version 3');

    const direct = await api.call('POST', 'submissions', {
      token: await api.token('staff', 'I'),
      json: { board: 'I', year: 2013, sheets: { activities: [activity()], expenses: [expense()] } },
    });
    expect(direct.status).toBe(409);
    expect(direct.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = parseAnswer(problemSchema, await direct.json(), 'problem');
    expect(`${problem.title} ${problem.detail ?? ''}`).toMatch(
      /Aktiviteter för län I 2013 är godkänd .*Inget har sparats\. Be en samordnare att öppna inlämningen igen/,
    );
    expect(JSON.stringify(problem)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect([await versionsOf('I', 'activities'), await versionsOf('I', 'expenses')]).toEqual([
      [1, 2, 3],
      [1, 2],
    ]);

    await coordinator.getByRole('button', { name: 'Öppna igen för inskick' }).click();
    expect(await notice(coordinator)).toBe('Aktiviteter från Länsstyrelsen i Gotlands län är öppen för inskick igen.');
    expect((await roundEntry('I', 'activities'))?.state).not.toBe('accepted');
    await shot(coordinator, 'coordinator-5-reopened');
    await coordinator.close();
    await signOut(page);
    await signIn(page, 'staff', 'I');
    await page.locator('p.samla-round-line[data-state="submitted"]').first().waitFor();
    expect(await page.locator('p.samla-round-line[data-state="accepted"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Skicka in' }).isDisabled()).toBe(false);
    expect(await page.locator('.samla-closed').count()).toBe(0);
    await page.close();
  }, 180_000);

  it('lets finance record a requisition and a repayment in Swedish, and the financial report holds them', async () => {
    const page = await openPreview();
    await signIn(page, 'finance');
    await page.getByRole('heading', { name: 'Avräkning 2013' }).waitFor();
    await page.getByText('inget rekvirerat ännu (senast 2013-09-30)').waitFor();
    await page.getByRole('button', { name: 'Lägg till rad' }).click();
    await page.getByLabel('Belopp (kr)').fill('12.500');
    await page.getByLabel('Datum (ÅÅÅÅ-MM-DD)').fill('2012-05-02');
    await page.getByRole('button', { name: 'Spara' }).click();
    expect(await notice(page)).toBe('Rätta de markerade raderna innan du sparar.');
    await page.getByText('Beloppet ”12.500” har en punkt').waitFor();
    await page.getByText('Datumet ligger utanför 2013-01-01 – 2014-03-01, som gäller för rekvisition för 2013.').waitFor();
    await shot(page, 'finance-1-refused');
    expect(proxy.requests.filter((request) => request.line === 'PUT /api/requisitions/2013')).toHaveLength(0);

    await page.getByLabel('Belopp (kr)').fill('1 200 000,50');
    await page.getByLabel('Datum (ÅÅÅÅ-MM-DD)').fill('2013-06-03');
    await page.getByRole('button', { name: 'Lägg till rad' }).click();
    const second = page.getByRole('listitem', { name: 'Rad 2' });
    await second.getByLabel('Typ').selectOption({ label: 'Återbetalning' });
    await second.getByLabel('Belopp (kr)').fill('35 000');
    await second.getByLabel('Datum (ÅÅÅÅ-MM-DD)').fill('2014-02-20');
    await page.getByRole('button', { name: 'Spara' }).click();
    expect(await notice(page)).toBe('Sparat för 2013: revision 1, 2 rader.');
    expect(parseAnswer(yearFundsAnswerSchema, await apiJson('requisitions/2013', 'finance'), 'funds').movements).toEqual([
      { kind: 'requisition', amount: 1_200_000.5, date: '2013-06-03' },
      { kind: 'repayment', amount: 35_000, date: '2014-02-20' },
    ]);
    await page.getByText('i tid (senast 2013-09-30)').waitFor();
    expect((await page.locator('.samla-figures').innerText()).replace(/\s/g, ' ')).toContain('1 200 000,50 kr');
    await shot(page, 'finance-2-saved');
    expect(await axeViolations(page)).toEqual([]);

    const downloadEvent = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Ekonomisk redovisning', exact: true }).click();
    const download = await downloadEvent;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const funds = workbook.getWorksheet('Rekvisitioner');
    const rows: unknown[][] = [];
    funds?.eachRow((row, number) => {
      if (number > 1) rows.push((row.values as unknown[]).slice(1, 5));
    });
    expect(rows).toEqual([
      [2013, 'Rekvisition', expect.any(Date), 1_200_000.5],
      [2013, 'Återbetalning', expect.any(Date), 35_000],
    ]);
    expect((rows[0]?.[2] as Date).toISOString().slice(0, 10)).toBe('2013-06-03');
    await shot(page, 'finance-3-report');
    await page.close();
  }, 180_000);

  it('falls back to the built-in initiative, saying so, when the server has no /api/initiative', async () => {
    proxy.fail(/^GET \/api\/initiative$/, 'missing');
    const page = await openPreview();
    await signIn(page, 'finance');
    expect(await notice(page)).toBe('Servern gav inte initiativets inställningar (svarade 404). År och datum nedan är LUJ:s, som följer med tillägget.');
    proxy.fail(/^GET \/api\/rounds\/2014$/, 'missing');
    await page.getByLabel('År').selectOption('2014');
    await page.getByText('okänt (inrapporteringen kan inte läsas)').waitFor();
    await shot(page, 'finance-4-fallback');
    await page.close();
  }, 120_000);

  it("gives a pane with another initiative's years when the server runs with another initiative file", async () => {
    await api.stop();
    const initiative = initiativeFile(LATER_2020_2021);
    try {
      api = await startSamlaApi({ SAMLA_INITIATIVE_FILE: initiative.file });
      proxy.target = new URL(api.url).origin;
      const page = await openPreview();
      await signIn(page, 'coordinator');
      await page.getByRole('heading', { name: 'Översikt 2020' }).waitFor();
      expect(await page.getByLabel('År').locator('option').allInnerTexts()).toEqual(['2020', '2021']);
      expect(await page.getByText('Sista dag för 2020: 2021-01-31.').count()).toBe(1);
      expect(await page.locator('table.samla-round-table tbody tr').count()).toBe(42);
      await shot(page, 'coordinator-6-other-initiative');
      await signOut(page);
      await signIn(page, 'finance');
      await page.getByRole('heading', { name: 'Avräkning 2020' }).waitFor();
      await page.getByText('inget rekvirerat ännu (senast 2020-09-30)').waitFor();
      expect((await page.locator('.samla-figures').innerText()).replace(/\s/g, ' ')).toContain('500 000,00 kr');
      await page.close();
    } finally {
      initiative.remove();
    }
  }, 180_000);
});
