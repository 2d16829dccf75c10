import path from 'path';
import type { Browser, Locator, Page } from 'playwright-core';
import { columnLetters } from '@samla/shared';

/** Where the Chromium tests put their screenshots, for a person to look at. */
export const SCREENSHOTS = path.join(__dirname, '..', '..', '..', 'test-output', 'screenshots');

/** The browser preview of the pane (served by the add-in's dev server at `paneUrl`), once its heading shows. */
export async function openPreview(browser: Browser, paneUrl: string, options: { height?: number; loadTimeoutMs?: number } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1500, height: options.height ?? 950 }, acceptDownloads: true });
  await page.goto(`${paneUrl}/preview.html`, { timeout: options.loadTimeoutMs ?? 120_000 });
  await page.getByRole('heading', { name: 'Samla', exact: true }).waitFor({ timeout: 60_000 });
  return page;
}

/** A full-page screenshot, `test-output/screenshots/<prefix>-<name>.png`. */
export async function screenshot(page: Page, prefix: string, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${prefix}-${name}.png`), fullPage: true });
}

/** Signs in with the development sign-in, as a role (and a board for staff). */
export async function signIn(page: Page, role: 'staff' | 'coordinator' | 'finance', board?: string): Promise<void> {
  await page.getByLabel('Roll').selectOption(role);
  if (board) await page.getByLabel('Länsstyrelse', { exact: true }).first().selectOption(board);
  await page.getByRole('button', { name: 'Logga in (utvecklingsläge)' }).click();
  await page.getByText('Inloggad som').waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.getByRole('button', { name: 'Logga in (utvecklingsläge)' }).waitFor();
}

/** A cell of the preview's grid, by its sheet and A1 address. */
export function cell(page: Page, sheet: string, address: string): Locator {
  return page.locator(`table[aria-label="${sheet}"] input[data-cell="${address}"]`);
}

/** Types a row into a sheet of the preview from column A on; empty values leave their cell as it is unless `clear`. */
export async function typeRow(page: Page, sheet: string, row: number, values: readonly string[], options: { clear?: boolean } = {}): Promise<void> {
  await page.getByRole('tab', { name: sheet }).click();
  for (const [index, value] of values.entries()) {
    if (value || options.clear) await cell(page, sheet, `${columnLetters(index + 1)}${row}`).fill(value);
  }
}

/** The text of the pane's notice, once one shows (not a progress text). */
export async function notice(page: Page): Promise<string> {
  const bar = page.locator('.samla-notice');
  await bar.waitFor();
  return (await bar.innerText()).trim();
}
