/**
 * The browser preview behaves like Excel where a tester relies on it, in a real Chromium: pasting rows copied
 * from Excel fills cells, 2 000 rows stay quick to type in and to check, and going to an issue selects the cell
 * so that typing replaces it. No API is needed: creating, checking and going to cells happen in the page.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startPaneServer, type PaneServer } from './support/pane-server';

let pane: PaneServer;
let browser: Browser;

beforeAll(async () => {
  // Port 9 (discard) answers nothing: these tests never reach the API.
  pane = await startPaneServer('http://127.0.0.1:9');
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pane?.stop();
});

async function previewWithTemplates(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  await page.goto(`${pane.url}/preview.html`, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Skapa mallar' }).click();
  await page.locator('.samla-notice').waitFor();
  return page;
}

function cell(page: Page, sheet: string, address: string) {
  return page.locator(`table[aria-label="${sheet}"] input[data-cell="${address}"]`);
}

/** Pastes text at a cell as the browser does for Ctrl+V: a paste event carrying `text/plain`. */
async function paste(page: Page, sheet: string, address: string, text: string): Promise<void> {
  await cell(page, sheet, address).focus();
  await cell(page, sheet, address).evaluate((input, clipboard) => {
    const data = new DataTransfer();
    data.setData('text/plain', clipboard);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** An activity row of 2013 as Excel copies it: tab-separated cells. */
function activityLine(index: number, endDate = '2013-03-02'): string {
  return [
    `A-${index}`,
    'Samordning',
    'Nätverksträff',
    `Träff ${index}`,
    '2013-03-01',
    endDate,
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
  ].join('\t');
}

describe('the browser preview in Chromium', () => {
  it('fills one cell per value when rows copied from Excel are pasted, quoted cells included', async () => {
    const page = await previewWithTemplates();
    await page.getByRole('tab', { name: 'Kostnader' }).click();
    const rows = [
      'K-1\t2013-04-02\tResor\t\tTåg till Visby\tSJ\t1250,50\tV-1\tAnslag',
      'K-2\t2013-04-03\tLokaler\t\t"Hyra, rad 1\nrad 2"\t\t800\tV-2\tEgna medel',
    ];
    await paste(page, 'Kostnader', 'A2', `${rows.join('\r\n')}\r\n`);
    expect(await cell(page, 'Kostnader', 'A2').inputValue()).toBe('K-1');
    expect(await cell(page, 'Kostnader', 'G2').inputValue()).toBe('1250,50');
    expect(await cell(page, 'Kostnader', 'I3').inputValue()).toBe('Egna medel');
    // The quoted cell with a line break stays one cell of row 3 (a text input drops the line break itself).
    expect(await cell(page, 'Kostnader', 'E3').inputValue()).toBe('Hyra, rad 1rad 2');
    expect(await cell(page, 'Kostnader', 'A4').inputValue()).toBe('');
    // One value is the browser's own paste into the focused input, not a grid paste over the row.
    await paste(page, 'Kostnader', 'F2', 'Ny leverantör');
    expect(await cell(page, 'Kostnader', 'G2').inputValue()).toBe('1250,50');
    await page.close();
  }, 240_000);

  it('takes 2 000 pasted rows, types into them and checks them all (timings are printed; npm run bench measures them)', async () => {
    const page = await previewWithTemplates();
    const lines = Array.from({ length: 2000 }, (_, index) => activityLine(index + 1, index % 400 === 399 ? '2013-02-01' : '2013-03-02'));
    await paste(page, 'Aktiviteter', 'A2', lines.join('\r\n'));
    expect(await page.locator('table[aria-label="Aktiviteter"]').getAttribute('aria-rowcount')).toBe('2001');
    const title = cell(page, 'Aktiviteter', 'D5');
    await title.click();
    await page.keyboard.press('End');
    const typing = await page.evaluate(async () => {
      const input = document.activeElement as HTMLInputElement;
      const times: number[] = [];
      const updates: number[] = [];
      for (const key of 'abcdefghij') {
        const start = performance.now();
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
        setter?.call(input, input.value + key);
        // React renders a discrete input event's update before dispatchEvent returns.
        input.dispatchEvent(new Event('input', { bubbles: true }));
        updates.push(performance.now() - start);
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        times.push(performance.now() - start);
      }
      return { times, updates, value: input.value };
    });
    console.log('keystroke update ms', typing.updates, 'to next frame ms', typing.times);
    expect(typing.value).toBe('Träff 4abcdefghij');
    // From the click to the summary on screen, timed in the page.
    const checked = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const button = Array.from(document.querySelectorAll('button')).find((candidate) => candidate.textContent === 'Kontrollera');
          const start = performance.now();
          const observer = new MutationObserver(() => {
            if (document.querySelector('.samla-notice')?.textContent?.includes('5 fel')) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          button?.click();
        }),
    );
    // Benchmarks report, tests don't time: the figure is printed for the closing note, the summary is what is tested.
    console.log('check of 2 000 rows ms', checked);
    expect(await page.locator('.samla-notice').textContent()).toContain('5 fel');
    await page.close();
  }, 240_000);

  it('goes to an issue far down the sheet and selects the cell, so typing replaces its value', async () => {
    const page = await previewWithTemplates();
    const lines = Array.from({ length: 300 }, (_, index) => activityLine(index + 1, index === 249 ? '2013-02-01' : '2013-03-02'));
    await paste(page, 'Aktiviteter', 'A2', lines.join('\n'));
    await page.getByRole('button', { name: 'Kontrollera' }).click();
    await page.getByRole('button', { name: /Gå till Aktiviteter!F251/ }).click();
    const target = cell(page, 'Aktiviteter', 'F251');
    await target.waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.dataset.cell)).toBe('F251');
    await page.keyboard.type('2013-03-05');
    expect(await target.inputValue()).toBe('2013-03-05');
    expect(await page.locator(`table[aria-label="Aktiviteter"] td[data-mark="error"] input[data-cell="F251"]`).count()).toBe(1);
    await page.close();
  }, 240_000);
});
