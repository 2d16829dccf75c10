import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LIBREOFFICE, requireProgram } from './debian-packages';

/** Debian's LibreOffice Calc without a GUI: installed by the global setup where missing. */
export function ensureLibreOffice(): string {
  return requireProgram(LIBREOFFICE);
}

/** A fresh LibreOffice profile that recalculates every formula of an xlsx file on load, whatever it stores. */
function recalculatingProfile(directory: string): string {
  const user = join(directory, 'profile', 'user');
  mkdirSync(user, { recursive: true });
  writeFileSync(
    join(user, 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return `file://${join(directory, 'profile')}`;
}

/**
 * Opens the given workbooks in LibreOffice headless (one start for all of them), recalculates every formula and
 * saves them as xlsx again; returns the recalculated copies.
 */
export function recalculateInLibreOffice(files: Record<string, Buffer>): Record<string, Buffer> {
  const soffice = ensureLibreOffice();
  const directory = mkdtempSync(join(tmpdir(), 'samla-lo-'));
  const input = join(directory, 'in');
  const output = join(directory, 'out');
  mkdirSync(input);
  mkdirSync(output);
  const paths = Object.entries(files).map(([name, bytes]) => {
    const path = join(input, `${name}.xlsx`);
    writeFileSync(path, bytes);
    return path;
  });
  try {
    execFileSync(
      soffice,
      [`-env:UserInstallation=${recalculatingProfile(directory)}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', output, ...paths],
      {
        stdio: 'ignore',
        timeout: 240_000,
      },
    );
    return Object.fromEntries(Object.keys(files).map((name) => [name, readFileSync(join(output, `${name}.xlsx`))]));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
