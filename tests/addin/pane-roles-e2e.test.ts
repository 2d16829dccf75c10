/**
 * Each role's pane in a real Chromium: the browser preview served by the add-in's webpack dev server, against a small
 * stand-in for the reporting round's routes (support/round-stand-in.ts) that answers the shared contract's shapes.
 * The loop: a coordinator sees the round, returns a board's activities with a comment on a cell; staff of that board
 * see it on sign-in, go to the cell, resubmit both templates as one request (asked first: far fewer rows), survive a
 * cut connection with the same Idempotency-Key; the coordinator accepts; staff find Skicka in closed; finance records
 * a requisition in Swedish. Each pane is checked with axe-core. Screenshots go to test-output/screenshots/.
 */
import { mkdirSync } from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { columnLetters } from '@samla/shared';
import { launchChromium } from '../support/chromium';
import { startPaneServer, type PaneServer } from './support/pane-server';
import { startStandIn, type StandIn } from './support/round-stand-in';

const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-output', 'screenshots');

let standIn: StandIn;
let pane: PaneServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  standIn = await startStandIn();
  pane = await startPaneServer(standIn.url);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pane?.stop();
  await standIn?.stop();
});

async function openPreview(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  await page.goto(`${pane.url}/preview.html`, { timeout: 300_000 });
  await page.getByRole('heading', { name: 'Samla', exact: true }).waitFor({ timeout: 60_000 });
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `roles-${name}.png`), fullPage: true });

async function signIn(page: Page, role: 'staff' | 'coordinator' | 'finance', board?: string): Promise<void> {
  await page.getByLabel('Roll').selectOption(role);
  if (board) await page.getByLabel('Länsstyrelse', { exact: true }).first().selectOption(board);
  await page.getByRole('button', { name: 'Logga in (utvecklingsläge)' }).click();
  await page.getByText('Inloggad som').waitFor();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.getByRole('button', { name: 'Logga in (utvecklingsläge)' }).waitFor();
}

async function notice(page: Page): Promise<string> {
  const bar = page.locator('.samla-notice');
  await bar.waitFor();
  return (await bar.innerText()).trim();
}

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

function cell(page: Page, sheet: string, address: string) {
  return page.locator(`table[aria-label="${sheet}"] input[data-cell="${address}"]`);
}

async function typeRow(page: Page, sheet: string, row: number, values: readonly string[]): Promise<void> {
  await page.getByRole('tab', { name: sheet }).click();
  for (const [index, value] of values.entries()) if (value) await cell(page, sheet, `${columnLetters(index + 1)}${row}`).fill(value);
}

describe('the role panes in Chromium, against a stand-in for the round routes', () => {
  it('gives a coordinator the round: overview, filters, totals, a board found by county, versions compared, a return with a cell comment', async () => {
    const page = await openPreview();
    await signIn(page, 'coordinator');
    await page.getByRole('heading', { name: 'Översikt 2013' }).waitFor();
    await page.locator('table.samla-round-table tbody tr').first().waitFor();
    expect(await page.locator('table.samla-round-table tbody tr').count()).toBe(42);
    expect(await page.locator('[data-totals="states"]').innerText()).toMatch(/av 42 mallar/);
    expect(await page.getByText('Sista dag för 2013: 2014-01-31.').count()).toBe(1);
    await shot(page, 'coordinator-1-overview');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('radio', { name: 'Återskickade' }).check();
    expect(
      await page
        .locator('table.samla-round-table tbody tr[data-template="activities"]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-board'))),
    ).toEqual(['M']);
    await page.getByRole('radio', { name: 'Sena' }).check();
    expect(await page.locator('table.samla-round-table tbody tr[data-template="activities"]').count()).toBeGreaterThan(1);
    await page.getByRole('radio', { name: 'Saknas' }).check();
    expect(await page.locator('tr[data-board="I"]').count()).toBe(2);
    await shot(page, 'coordinator-2-missing');

    // The board picker finds a board by its county's name.
    const finder = page.getByRole('combobox', { name: 'Öppna länsstyrelse (sök på län)' });
    await finder.click();
    await finder.pressSequentially('skån');
    expect(await page.locator('.fui-Combobox__listbox').getByRole('option').allInnerTexts()).toEqual(['Skåne län']);
    await page.locator('.fui-Combobox__listbox').getByRole('option', { name: 'Skåne län' }).click();
    await page.getByRole('heading', { name: 'Länsstyrelsen i Skåne län · 2013' }).waitFor();
    await page.getByRole('heading', { name: 'Aktiviteter, version 2' }).waitFor();
    expect(await page.locator('table.samla-rows tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Jämför' }).click();
    await page.getByText(/^Tillagda: 0 rader\. Borttagna: 1 rad\. Ändrade: 1 rad\./).waitFor();
    await shot(page, 'coordinator-3-submission');

    await page.getByRole('button', { name: 'Skicka tillbaka version 2' }).click();
    expect(await notice(page)).toBe('Skriv en kommentar som säger vad länsstyrelsen ska rätta.');
    await page.getByLabel('Kommentar till länsstyrelsen').fill('Ange målgrupp och antal deltagare per kön.');
    await page.getByLabel('Rad i bladet').fill('2');
    await page.getByLabel('Kolumn').selectOption('targetGroup');
    await page.getByLabel('Kommentar på cellen').fill('Välj en målgrupp ur listan.');
    await page.getByRole('button', { name: 'Lägg till kommentaren' }).click();
    await page.getByRole('button', { name: 'Skicka tillbaka version 2' }).click();
    expect(await notice(page)).toBe('Aktiviteter från Länsstyrelsen i Skåne län skickades tillbaka.');
    const sent = standIn.requests.find((request) => request.line === 'POST /api/rounds/2013/M/activities/return');
    expect(sent?.body).toEqual({
      version: 2,
      comment: 'Ange målgrupp och antal deltagare per kön.',
      cells: [{ row: 2, column: 'targetGroup', comment: 'Välj en målgrupp ur listan.' }],
    });
    await shot(page, 'coordinator-4-returned');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Byt språk till engelska' }).click();
    await page.getByRole('button', { name: 'Back to the overview' }).click();
    await page.getByRole('heading', { name: 'Overview 2013' }).waitFor();
    await shot(page, 'coordinator-5-english');
    await page.close();
  }, 180_000);

  it('tells staff of a returned board on sign-in, takes them to the commented cell, and submits both templates as one step', async () => {
    const page = await openPreview();
    await page.getByRole('button', { name: 'Skapa mallar' }).click();
    await page.getByText('Mallarna skapades').waitFor();
    await signIn(page, 'staff', 'M');
    await page.getByText('Aktiviteter har skickats tillbaka för rättning av Sara Samordnare').waitFor();
    expect(await page.locator('.samla-returned').innerText()).toContain('Kommentar: Ange målgrupp och antal deltagare per kön.');
    const comment = page.getByRole('button', { name: 'Aktiviteter!G2: Välj en målgrupp ur listan.' });
    await comment.click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-cell') === 'G2');
    await shot(page, 'staff-1-returned');
    expect(await axeViolations(page)).toEqual([]);

    await typeRow(page, 'Aktiviteter', 2, [
      'M-1',
      'Stöd',
      'Utbildning',
      'Utbildning för chefer',
      '2013-04-10',
      '2013-04-10',
      'Chefer',
      '9',
      '9',
      '0',
      '2',
      '',
      'Nej',
      '',
      'Genomförd',
      'Ökad kunskap',
    ]);
    // Kostnader is left empty: two stored rows would be replaced by none, so the pane asks first.
    await page.getByRole('button', { name: 'Skicka in' }).click();
    await page.getByText('Ersätta det som redan är inskickat?').waitFor();
    expect((await page.locator('.samla-replace li').allInnerTexts()).map((text) => text.replace(/\s/g, ' '))).toEqual([
      expect.stringMatching(/^Kostnader: version 1, 2 rader, av Anna Andersson \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}, ersätts av 0 rader\.$/),
    ]);
    await shot(page, 'staff-2-replace');

    // The connection is cut: the pane says so and offers to try again with the same key.
    let cutKey: string | undefined;
    await page.route('**/api/submissions', (route) => {
      cutKey = route.request().headers()['idempotency-key'];
      return route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Skicka in och ersätt' }).click();
    expect(await notice(page)).toContain('Kunde inte nå Samlas server.');
    await page.unroute('**/api/submissions');
    await shot(page, 'staff-3-retry');
    await page.getByRole('button', { name: 'Försök igen' }).click();
    expect(await notice(page)).toContain('Inskicket är klart.');
    const posts = standIn.requests.filter((request) => request.line === 'POST /api/submissions');
    expect(posts).toHaveLength(1);
    expect(cutKey).toBeTruthy();
    expect(posts[0]?.key).toBe(cutKey);
    expect(posts[0]?.body).toMatchObject({
      board: 'M',
      year: 2013,
      sheets: { activities: [expect.objectContaining({ activityId: 'M-1', targetGroup: 'managers' })], expenses: [] },
    });
    expect(await page.locator('.samla-notice li').allInnerTexts()).toEqual([
      'Aktiviteter: version 3 sparad, 1 rad, 0 varningar.',
      'Kostnader: version 2 sparad, 0 rader, 0 varningar.',
    ]);
    await shot(page, 'staff-4-submitted');

    // Every version can be opened, to the second.
    await page.getByRole('button', { name: 'Visa historik' }).click();
    await page.getByRole('button', { name: 'Visa version 1 av Aktiviteter' }).click();
    await page.getByRole('heading', { name: 'Aktiviteter, version 1' }).waitFor();
    expect(await page.locator('.samla-version p').first().innerText()).toMatch(
      /^Inskickad \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} av Anna Andersson\. 2 rader, 0 varningar\.$/,
    );
    await shot(page, 'staff-5-version');

    // A hung server: the pane says what it is doing and Avbryt gives control back.
    standIn.hang = /^GET \/api\/submissions\/M\/2013\/activities\/2$/;
    await page.getByRole('button', { name: 'Visa version 2 av Aktiviteter' }).click();
    await page.getByRole('button', { name: 'Avbryt' }).click();
    expect(await notice(page)).toBe('Avbrutet.');
    standIn.hang = undefined;

    await signOut(page);
    expect(await page.getByText('Samordnarens kommentarer').count()).toBe(0);
    expect(await page.locator('table.samla-history').count()).toBe(0);
    expect(await page.locator('.samla-notice').count()).toBe(0);
    await page.close();
  }, 180_000);

  it('closes Skicka in for staff once the coordinator has accepted, and says why', async () => {
    const coordinator = await openPreview();
    await signIn(coordinator, 'coordinator');
    await coordinator.getByRole('button', { name: 'Skåne län' }).click();
    await coordinator.getByRole('button', { name: 'Godkänn version 3' }).click();
    expect(await notice(coordinator)).toBe('Aktiviteter från Länsstyrelsen i Skåne län, version 3, är godkänd.');
    await coordinator.close();

    const page = await openPreview();
    await signIn(page, 'staff', 'M');
    await page.getByText('Aktiviteter: version 3 är godkänd.').waitFor();
    expect(await page.getByRole('button', { name: 'Skicka in' }).isDisabled()).toBe(true);
    expect(await page.locator('.samla-closed').innerText()).toBe(
      'Skicka in är stängt: Aktiviteter är godkänd. Be samordnaren öppna den igen om något måste ändras.',
    );
    await shot(page, 'staff-6-accepted');
    await page.close();
  }, 120_000);

  it('gives finance the settlement and a form for requisitions in Swedish amounts, checked against the year', async () => {
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
    expect(await page.evaluate(() => document.activeElement?.getAttribute('value'))).toBe('12.500');
    await shot(page, 'finance-1-refused');
    await page.getByLabel('Belopp (kr)').fill('1 200 000,50');
    await page.getByLabel('Datum (ÅÅÅÅ-MM-DD)').fill('2013-06-03');
    await page.getByRole('button', { name: 'Spara' }).click();
    expect(await notice(page)).toBe('Sparat för 2013: revision 1, 1 rad.');
    expect(standIn.requests.filter((request) => request.line === 'PUT /api/requisitions/2013').map((request) => request.body)).toEqual([
      { movements: [{ kind: 'requisition', amount: 1_200_000.5, date: '2013-06-03' }] },
    ]);
    await page.getByText('i tid (senast 2013-09-30)').waitFor();
    expect((await page.locator('.samla-figures').innerText()).replace(/\s/g, ' ')).toContain('1 200 000,50 kr');
    await shot(page, 'finance-2-saved');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it('falls back to the built-in initiative, saying so, when the server has no /api/initiative', async () => {
    standIn.missing = /^GET \/api\/initiative$/;
    const page = await openPreview();
    await signIn(page, 'finance');
    expect(await notice(page)).toBe('Servern gav inte initiativets inställningar (svarade 404). År och datum nedan är LUJ:s, som följer med tillägget.');
    standIn.missing = /^GET \/api\/rounds\//;
    await page.getByLabel('År').selectOption('2014');
    await page.getByText('okänt (inrapporteringen kan inte läsas)').waitFor();
    await shot(page, 'finance-3-fallback');
    standIn.missing = undefined;
    await page.close();
  }, 120_000);
});
