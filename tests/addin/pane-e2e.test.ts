/**
 * The Samla pane end to end in a real Chromium: the browser preview served by the add-in's webpack dev server,
 * talking to the local functions host and a real Azurite. Screenshots of the main states go to
 * test-output/screenshots/ for a person to look at.
 */
import { mkdirSync, readFileSync } from 'fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { reportFileName } from '@samla/shared';
import { launchChromium } from '../support/chromium';
import { startSamlaApi, type RunningSamla } from '../support/local-samla';
import { cell, notice, openPreview as openPreviewOf, screenshot, SCREENSHOTS, signIn, typeRow } from './support/pane-page';
import { startPaneServer, type PaneServer } from './support/pane-server';

const TITLE = 'Nätverksträff för JI-samordnare';

let api: RunningSamla;
let pane: PaneServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  api = await startSamlaApi();
  pane = await startPaneServer(new URL(api.url).origin);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pane?.stop();
  await api?.stop();
});

const openPreview = (): Promise<Page> => openPreviewOf(browser, pane.url);
const shot = (page: Page, name: string): Promise<void> => screenshot(page, 'addin', name);

describe('the Samla pane in Chromium, against the local functions and Azurite', () => {
  it('takes a staff member from sign-in through templates, mistakes at their cells and fixes to a stored version', async () => {
    const page = await openPreview();
    await shot(page, '1-start');
    await signIn(page, 'staff', 'I');
    expect(await page.getByText('Inloggad som').innerText()).toContain('Handläggare');

    await page.getByRole('button', { name: 'Skapa mallar' }).click();
    expect(await notice(page)).toContain('Mallarna skapades: Aktiviteter, Kostnader.');
    expect(await cell(page, 'Aktiviteter', 'E1').inputValue()).toBe('Startdatum');

    await typeRow(page, 'Aktiviteter', 2, [
      'A-1',
      'Samordning',
      'Nätverksträff',
      TITLE,
      '2013-03-01',
      '2013-02-01',
      'Handläggare',
      '10',
      '8',
      '0',
      '3,5',
      'SKL',
      'Nej',
      '',
      'Genomförd',
      'Ökad kunskap',
      '',
    ]);
    await typeRow(page, 'Aktiviteter', 3, [
      'A-2',
      'Fel uppdragsdel',
      'Utbildning',
      'Utbildning i jämställdhetsintegrering',
      '2013-04-10',
      '2013-04-10',
      'Chefer',
      '5',
      '7',
      '',
      '2',
      '',
      'Nej',
      '',
      'Planerad',
      '',
      '',
    ]);
    await typeRow(page, 'Kostnader', 2, [
      'K-1',
      '2013-03-01',
      'Lokaler och konferenser',
      'A-1',
      'Lokalhyra',
      'Visby Konferens AB',
      '0',
      'V-101',
      'Anslag (3:1 ap. 12)',
    ]);

    await page.getByRole('button', { name: 'Kontrollera' }).click();
    expect(await notice(page)).toMatch(/^3 fel, \d+ varning(ar)?\.$/);
    const errors = await page.locator('li[data-severity="error"]').allInnerTexts();
    expect(errors.map((text) => /(Aktiviteter|Kostnader)![A-Z]+\d+/.exec(text)?.[0])).toEqual(['Aktiviteter!F2', 'Aktiviteter!B3', 'Kostnader!G2']);
    expect(await page.getByRole('heading', { name: /^Kostnader \(\d+\)$/ }).count()).toBe(1);
    expect(await page.locator('table[aria-label="Kostnader"] td[data-mark="error"]').count()).toBe(1);
    await page.getByRole('tab', { name: 'Aktiviteter' }).click();
    expect(
      await page
        .locator('table[aria-label="Aktiviteter"] td[data-mark="error"] input')
        .evaluateAll((inputs) => inputs.map((input) => input.getAttribute('data-cell'))),
    ).toEqual(['F2', 'B3']);
    await shot(page, '2-issues');

    // Keyboard: an issue is a button; Enter on it selects its cell, on its own sheet.
    await page.locator('li[data-severity="error"] button', { hasText: 'Kostnader!G2' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-cell') === 'G2');
    expect(await page.locator('table[aria-label="Kostnader"] td[data-mark="error"] input[data-cell="G2"]').count()).toBe(1);
    await shot(page, '3-issue-selected');

    await cell(page, 'Kostnader', 'G2').fill('4500');
    await typeRow(page, 'Aktiviteter', 2, ['', '', '', '', '', '2013-03-02']);
    await cell(page, 'Aktiviteter', 'B3').fill('Kompetensutveckling');
    await page.getByRole('button', { name: 'Kontrollera' }).click();
    await page.locator('.samla-notice[data-tone="success"], .samla-notice[data-tone="info"]').waitFor();
    expect(await page.locator('li[data-severity="error"]').count()).toBe(0);
    expect(await page.locator('td[data-mark="error"]').count()).toBe(0);
    await page.getByRole('tab', { name: 'Kostnader' }).click();
    expect(await page.locator('td[data-mark="error"]').count()).toBe(0);

    await page.route('**/api/submissions', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Skicka in' }).click();
    // The failure in words, and a retry that promises to send the same submission under the same key.
    expect(await notice(page)).toMatch(/^Kunde inte nå Samlas server\. Kontrollera nätverksanslutningen och försök igen\. Försök igen skickar samma inskick/);
    expect(await page.getByRole('button', { name: 'Försök igen' }).isVisible()).toBe(true);
    await shot(page, '4-network-error');
    await page.unroute('**/api/submissions');

    // The submission (both templates in one request) is held until the test has seen (and photographed) its progress.
    const held: (() => void)[] = [];
    await page.route('**/api/submissions', async (route) => {
      await new Promise<void>((release) => held.push(release));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Skicka in' }).click();
    await page.getByText('Skickar Aktiviteter och Kostnader…').waitFor();
    await shot(page, '5-submitting');
    expect(await page.getByRole('button', { name: 'Skicka in' }).isDisabled()).toBe(true);
    while (held.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    held.shift()?.();
    expect(await notice(page)).toMatch(/^Inskicket är klart\./);
    await page.unroute('**/api/submissions');
    const results = await page.locator('.samla-notice li').allInnerTexts();
    expect(results).toEqual([
      expect.stringMatching(/^Aktiviteter: version 1 sparad, 2 rader, \d+ varning(ar)?\.$/),
      expect.stringMatching(/^Kostnader: version 1 sparad, 1 rad, \d+ varning(ar)?\.$/),
    ]);
    await shot(page, '6-submitted');

    await page.getByRole('button', { name: 'Visa historik' }).click();
    await page.locator('table.samla-history').first().waitFor();
    const history = await page.locator('table.samla-history caption').allInnerTexts();
    expect(history).toEqual(['Aktiviteter', 'Kostnader']);
    expect(await page.locator('table.samla-history tbody tr').count()).toBe(2);
    await shot(page, '7-history');

    // The real server refuses a token it did not issue; the pane says so in words.
    await page.route('**/api/submissions/**', (route) => route.continue({ headers: { ...route.request().headers(), authorization: 'Bearer not-a-token' } }));
    await page.getByRole('button', { name: 'Visa historik' }).click();
    expect(await notice(page)).toBe('Du är inte inloggad, eller inloggningen har gått ut. Logga in igen.');
    await page.unroute('**/api/submissions/**');
    await page.close();
  }, 180_000);

  it('labels every control, and speaks English on request', async () => {
    const page = await openPreview();
    await page.route('**/api/dev/token', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Logga in (utvecklingsläge)' }).click();
    expect(await notice(page)).toBe('Inloggningen misslyckades: Kunde inte nå Samlas server. Kontrollera nätverksanslutningen och försök igen.');
    await page.unroute('**/api/dev/token');
    await page.getByRole('button', { name: 'Skapa mallar' }).click();
    await page.getByText('Mallarna skapades').waitFor();
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('button, select, input'))
        .filter((control) => {
          const labels = (control as HTMLInputElement).labels;
          return !(
            control.getAttribute('aria-label') ||
            control.getAttribute('aria-labelledby') ||
            (labels && labels.length > 0) ||
            control.textContent?.trim()
          );
        })
        .map((control) => control.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    await page.getByRole('button', { name: 'Byt språk till engelska' }).click();
    await page.getByRole('button', { name: 'Check' }).click();
    expect(await notice(page)).toBe('No errors or warnings. The templates can be submitted.');
    expect(await page.getByRole('button', { name: 'Sign in (development)' }).count()).toBe(1);
    await shot(page, '8-english');
    await page.close();
  }, 120_000);

  it("lets a coordinator download the status report, which holds the board's submitted activity", async () => {
    const page = await openPreview();
    await signIn(page, 'coordinator');
    const downloadEvent = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Lägesrapport', exact: true }).click();
    const download = await downloadEvent;
    expect(await notice(page)).toBe('Lägesrapport har laddats ned.');
    await shot(page, '9-report');
    const file = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    const texts: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((value) => texts.push(String(value.text ?? '')))));
    expect(texts).toContain(TITLE);
    expect(download.suggestedFilename()).toBe(reportFileName('status', [2013]));

    // Beside the workbook, the draft report to the ministry as a Word document, offered as a file.
    await page.getByRole('button', { name: 'Lägesrapport – utkast i Word' }).click();
    expect(await notice(page)).toBe('Utkastet till Lägesrapport är klart att ladda ned.');
    const draftEvent = page.waitForEvent('download');
    await page.locator('a.samla-download').click();
    const draft = await draftEvent;
    expect(draft.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = readFileSync(await draft.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);
    await shot(page, '10-draft');
    await page.close();
  }, 120_000);
});
