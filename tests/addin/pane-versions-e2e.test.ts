/**
 * Staff open an old version and load it back, and a report downloads while the pane stays usable: in a real
 * Chromium, the browser preview against the local functions and Azurite. The server runs a later initiative
 * (SAMLA_INITIATIVE_FILE, years 2021–2022), so the pane's check must judge by the server's initiative, not LUJ's.
 * Screenshots go to test-output/screenshots/.
 */
import { mkdirSync } from 'fs';
import type { Browser, Page } from 'playwright-core';
import { columnLetters } from '@samla/shared';
import { launchChromium } from '../support/chromium';
import { startSamlaApi, type RunningSamla } from '../support/local-samla';
import { LATER_2021_2022, initiativeFile } from '../support/later-initiatives';
import { cell, notice, openPreview as openPreviewOf, screenshot, SCREENSHOTS, signIn, typeRow as typeRowOf } from './support/pane-page';
import { startPaneServer, type PaneServer } from './support/pane-server';

/** Version 1's activities as typed, in column order: what the grid must hold again after loading it back. */
const V1: readonly (readonly string[])[] = [
  [
    'JUL-1',
    'Samordning',
    'Nätverksträff',
    'Nätverksträff för JI-samordnare',
    '2021-03-01',
    '2021-03-02',
    'Handläggare',
    '10',
    '8',
    '0',
    '3,5',
    'SKL; Region Gotland',
    'Nej',
    '',
    'Planerad',
    '',
    '',
  ],
  [
    'JUL-2',
    'Kompetensutveckling',
    'Utbildning',
    'Utbildning i jämställdhetsintegrering – steg 1',
    '2021-06-30',
    '2021-06-30',
    'Chefer',
    '5',
    '7',
    '0',
    '1,25',
    '',
    'Nej',
    '',
    'Planerad',
    '',
    '',
  ],
  [
    '0012',
    'Stöd',
    'Processtöd',
    'Stöd till länsstrategin, "del 2"',
    '2021-12-31',
    '2021-12-31',
    'Länsledning',
    '2',
    '1',
    '0',
    '12',
    '',
    'Nej',
    '',
    'Pågående',
    '',
    'Ökad förståelse',
  ],
];
const EXPENSE: readonly string[] = [
  'K-1',
  '2021-03-01',
  'Lokaler och konferenser',
  'JUL-1',
  'Lokalhyra',
  'Visby Konferens AB',
  '4500,5',
  'V-101',
  'Anslag (3:1 ap. 12)',
];

let initiative: ReturnType<typeof initiativeFile>;
let api: RunningSamla;
let pane: PaneServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  initiative = initiativeFile(LATER_2021_2022);
  api = await startSamlaApi({ SAMLA_INITIATIVE_FILE: initiative.file });
  pane = await startPaneServer(new URL(api.url).origin);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pane?.stop();
  await api?.stop();
  initiative?.remove();
});

const openPreview = (): Promise<Page> => openPreviewOf(browser, pane.url, { height: 1000 });
const shot = (page: Page, name: string): Promise<void> => screenshot(page, 'addin-versions', name);
/** Every value typed, empty ones too (a version loaded back leaves cells that must be emptied). */
const typeRow = (page: Page, sheet: string, row: number, values: readonly string[]): Promise<void> => typeRowOf(page, sheet, row, values, { clear: true });

async function gridRows(page: Page, sheet: string, rows: number, columns: number): Promise<string[][]> {
  await page.getByRole('tab', { name: sheet }).click();
  const result: string[][] = [];
  for (let row = 2; row < 2 + rows; row += 1) {
    const values: string[] = [];
    for (let column = 1; column <= columns; column += 1) values.push(await cell(page, sheet, `${columnLetters(column)}${row}`).inputValue());
    result.push(values);
  }
  return result;
}

async function submit(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Skicka in' }).click();
  const confirm = page.getByRole('button', { name: 'Skicka in och ersätt' });
  const done = page.locator('.samla-notice', { hasText: 'Inskicket är klart.' });
  await Promise.race([confirm.waitFor(), done.waitFor()]);
  if (await confirm.isVisible()) await confirm.click();
  await done.waitFor();
  return page.locator('.samla-notice li').allInnerTexts();
}

describe('staff load an old version back, in Chromium against the local functions and Azurite', () => {
  it('submits v1 and v2, opens v1, loads it back after a confirmation, and a resubmission says it equals v1', async () => {
    const page = await openPreview();
    await signIn(page, 'staff', 'I');
    // The year picker and the check both follow the server's initiative.
    expect(await page.locator('#samla-year option').allInnerTexts()).toEqual(['2021', '2022']);
    await page.getByRole('button', { name: 'Skapa mallar' }).click();
    await page.getByText('Mallarna skapades').waitFor();
    for (const [index, row] of V1.entries()) await typeRow(page, 'Aktiviteter', index + 2, row);
    await typeRow(page, 'Kostnader', 2, EXPENSE);
    await page.getByRole('button', { name: 'Kontrollera' }).click();
    expect(await notice(page)).toBe('Inga fel eller varningar. Mallarna kan skickas in.');

    expect(await submit(page)).toEqual(['Aktiviteter: version 1 sparad, 3 rader, 0 varningar.', 'Kostnader: version 1 sparad, 1 rad, 0 varningar.']);

    // Version 2: one activity, its title changed.
    await typeRow(page, 'Aktiviteter', 3, Array(17).fill(''));
    await typeRow(page, 'Aktiviteter', 4, Array(17).fill(''));
    await cell(page, 'Aktiviteter', 'D2').fill('Nätverksträff, flyttad');
    const second = await submit(page);
    expect(second[0]).toBe('Aktiviteter: version 2 sparad, 1 rad, 0 varningar.');
    expect(second[1]).toBe('Kostnader: samma innehåll som version 1; ingen ny version sparades.');

    await page.getByRole('button', { name: 'Visa historik' }).click();
    await page.getByRole('button', { name: 'Visa version 1 av Aktiviteter' }).click();
    const version = page.locator('section.samla-version');
    await version.getByRole('heading', { name: 'Aktiviteter, version 1' }).waitFor();
    // Who and when, to the second; its rows and warnings.
    expect(await version.locator('p').first().innerText()).toMatch(/^Inskickad \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} av .+\. 3 rader, 0 varningar\.$/);
    expect(await version.locator('tbody tr').count()).toBe(3);
    expect(await version.locator('tbody tr').nth(2).locator('td').first().innerText()).toBe('0012');
    expect(await version.getByText('Inga varningar.').count()).toBe(1);

    await version.getByRole('button', { name: 'Läs in version 1 i arbetsboken' }).click();
    const confirmation = page.locator('.samla-load-confirm');
    await confirmation.waitFor();
    expect(await confirmation.innerText()).toContain(
      'Tabellen Aktiviteter i arbetsboken har i dag 1 rad. De ersätts av raderna i version 1: 3 rader. Kolumner du själv har lagt till i tabellen blir tomma.',
    );
    // Focus lands on the confirmation's own button.
    await page.waitForFunction(() => document.activeElement?.textContent === 'Ersätt raderna i arbetsboken');
    await shot(page, '1-confirm');
    await page.getByRole('button', { name: 'Ersätt raderna i arbetsboken' }).click();
    expect(await notice(page)).toBe(
      'Version 1 av Aktiviteter är inläst på bladet Aktiviteter: 3 rader i stället för 1 rad. Välj Kontrollera, och Skicka in om den ska gälla igen.',
    );
    expect(await gridRows(page, 'Aktiviteter', 4, 17)).toEqual([...V1, Array(17).fill('')]);
    await shot(page, '2-loaded');

    await page.getByRole('button', { name: 'Kontrollera' }).click();
    expect(await notice(page)).toBe('Inga fel eller varningar. Mallarna kan skickas in.');
    // v1 is not current (v2 is): the server stores v3, and the pane says plainly that it holds v1's rows.
    expect(await submit(page)).toEqual([
      'Aktiviteter: samma rader som version 1, som du läste in. De är nu sparade som version 3, som gäller.',
      'Kostnader: samma innehåll som version 1; ingen ny version sparades.',
    ]);
    // The history shown is brought up to date by the submission.
    await page.getByRole('button', { name: 'Visa version 3 av Aktiviteter' }).waitFor();
    const stored = await api.call('GET', 'submissions/I/2021/activities/3', { token: await api.token('staff', 'I') });
    expect(stored.status).toBe(200);
    const body = (await stored.json()) as { rows: Record<string, unknown>[] };
    expect(body.rows.map((row) => [row.activityId, row.startDate, row.hours, row.title])).toEqual([
      ['JUL-1', '2021-03-01', 3.5, 'Nätverksträff för JI-samordnare'],
      ['JUL-2', '2021-06-30', 1.25, 'Utbildning i jämställdhetsintegrering – steg 1'],
      ['0012', '2021-12-31', 12, 'Stöd till länsstrategin, "del 2"'],
    ]);
    await shot(page, '3-resubmitted');
    await page.close();
  }, 240_000);

  it('keeps the pane usable while a report downloads: progress on its button, a working cancel', async () => {
    const page = await openPreview();
    await signIn(page, 'coordinator');
    const held: (() => void)[] = [];
    await page.route('**/api/reports/**', async (route) => {
      await new Promise<void>((release) => held.push(release));
      await route.continue().catch(() => undefined);
    });
    await page.getByRole('button', { name: 'Lägesrapport', exact: true }).click();
    const progress = page.getByRole('button', { name: 'Hämtar Lägesrapport…' });
    await progress.waitFor();
    expect(await progress.getAttribute('aria-busy')).toBe('true');
    // The rest of the pane is not busy: the year, the language and the other work stay usable.
    expect(await page.locator('main.samla-pane').getAttribute('aria-busy')).toBe('false');
    expect(await page.locator('#samla-year').isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Logga ut' }).isEnabled()).toBe(true);
    const otherWork = page
      .locator('section')
      .filter({ hasNot: page.locator('#samla-reports-heading') })
      .getByRole('button')
      .first();
    expect(await otherWork.isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Slutredovisning', exact: true }).isDisabled()).toBe(true);
    await shot(page, '4-report-downloading');
    await page.getByRole('button', { name: 'Avbryt hämtningen' }).click();
    expect(await notice(page)).toBe('Hämtningen av Lägesrapport avbröts.');
    expect(await page.getByRole('button', { name: 'Lägesrapport', exact: true }).isEnabled()).toBe(true);
    for (const release of held.splice(0)) release();
    await page.unroute('**/api/reports/**');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Lägesrapport', exact: true }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    expect(await notice(page)).toBe('Lägesrapport har laddats ned.');
    await shot(page, '5-report-done');
    await page.close();
  }, 180_000);
});
