import { execFileSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { LIBREOFFICE, POPPLER, requireProgram } from './debian-packages';

/**
 * Prints files (xlsx, docx) to PDF with LibreOffice headless, as a person would print them, into `directory` (kept, so
 * a person can look at the pages), and returns each file's pages as text (form feeds split pdftotext's output).
 */
export function printToPdf(directory: string, files: Record<string, Buffer>): Record<string, string[]> {
  const soffice = requireProgram(LIBREOFFICE);
  const pdftotext = requireProgram(POPPLER);
  mkdirSync(directory, { recursive: true });
  const paths = Object.entries(files).map(([name, bytes]) => {
    const path = join(directory, name);
    writeFileSync(path, bytes);
    return path;
  });
  const profile = `file://${join(directory, '.profile')}`;
  execFileSync(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', directory, ...paths], {
    stdio: 'ignore',
    timeout: 240_000,
  });
  return Object.fromEntries(
    Object.keys(files).map((name) => {
      const pdf = join(directory, name.replace(/\.[a-z]+$/, '.pdf'));
      const text = execFileSync(pdftotext, ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const pages = text.split('\f');
      if (pages[pages.length - 1]?.trim() === '') pages.pop();
      return [name, pages];
    }),
  );
}
