import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { OfficeAddinManifest } from 'office-addin-manifest';

const root = path.join(__dirname, '..', '..');
const addin = path.join(root, 'addin');
// The build's own modules, as webpack runs them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const deployment = require(path.join(addin, 'deployment.js')) as { DEV_ORIGIN: string; manifestFor(origin: string, source?: string): string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createConfig } = require(path.join(addin, 'webpack.config.js')) as { createConfig(options: object): WebpackConfig };

interface WebpackConfig {
  devServer: { host: string; port: number; server: string | { type: string }; proxy: { context: string[]; target: string }[] };
  plugins: { options?: { filename?: string }; patterns?: { from: string; to: string; transform?: (content: Buffer) => string }[] }[];
}

const source = readFileSync(path.join(root, 'manifest.xml'), 'utf8');
const urlsIn = (xml: string) =>
  [...xml.matchAll(/"(https?:\/\/[^"]+)"/g)]
    .map((match) => match[1] as string)
    .filter((url) => !url.startsWith('http://schemas.') && !url.startsWith('http://www.w3.org'));

describe('manifest.xml', () => {
  it('is a well-formed Excel task-pane add-in that may read and write the workbook', async () => {
    const info = await OfficeAddinManifest.readManifestFile(path.join(root, 'manifest.xml'));
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.defaultLocale).toBe('sv-SE');
    expect(info.defaultSettings?.sourceLocation).toBe(`${deployment.DEV_ORIGIN}/taskpane.html`);
  });

  it('puts a Samla group with a button that shows the pane on the Home tab, in Swedish and English', () => {
    expect(source).toMatch(/<OfficeTab id="TabHome">\s*<Group id="Samla.Group">/);
    expect(source).toMatch(/<Action xsi:type="ShowTaskpane">/);
    const strings = [...source.matchAll(/<bt:String id="([^"]+)" DefaultValue="[^"]+">\s*<bt:Override Locale="en-US" Value="[^"]+"\/>/g)].map(
      (match) => match[1],
    );
    expect(strings).toEqual(expect.arrayContaining(['Samla.Group.Label', 'Samla.TaskpaneButton.Label', 'Samla.TaskpaneButton.Tooltip']));
  });

  it('points only at the dev server, at pages and icons the build produces', () => {
    const config = createConfig({ mode: 'development', https: {} });
    expect(config.devServer.port).toBe(3000);
    expect(config.devServer.host).toBe('localhost');
    expect(config.devServer.server).toMatchObject({ type: 'https' });
    const pages = config.plugins.flatMap((plugin) => (plugin.options?.filename ? [plugin.options.filename] : []));
    const urls = urlsIn(source).filter((url) => !url.startsWith('https://login.microsoftonline.com'));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) {
      expect(url.startsWith(`${deployment.DEV_ORIGIN}/`)).toBe(true);
      const file = url.slice(deployment.DEV_ORIGIN.length + 1);
      const built = pages.includes(file) || existsSync(path.join(addin, file)) || (file === 'help.html' && existsSync(path.join(addin, 'src', 'help.html')));
      expect({ url, built }).toEqual({ url, built: true });
    }
  });

  it('is written with the production URLs from SAMLA_ADDIN_URL by the production build', async () => {
    const previous = process.env.SAMLA_ADDIN_URL;
    process.env.SAMLA_ADDIN_URL = 'https://samla.lansstyrelsen.example';
    try {
      const config = createConfig({ mode: 'production' });
      const copy = config.plugins.flatMap((plugin) => plugin.patterns ?? []).find((pattern) => pattern.to === 'manifest.xml');
      const written = copy?.transform?.(Buffer.from(source)) ?? '';
      expect(written).not.toContain('localhost');
      expect(
        urlsIn(written)
          .filter((url) => !url.startsWith('https://login.'))
          .every((url) => url.startsWith('https://samla.lansstyrelsen.example/')),
      ).toBe(true);
      const folder = mkdtempSync(path.join(tmpdir(), 'samla-manifest-'));
      const file = path.join(folder, 'manifest.xml');
      writeFileSync(file, written);
      const info = await OfficeAddinManifest.readManifestFile(file).finally(() => rmSync(folder, { recursive: true, force: true }));
      expect(info.defaultSettings?.sourceLocation).toBe('https://samla.lansstyrelsen.example/taskpane.html');
    } finally {
      if (previous === undefined) delete process.env.SAMLA_ADDIN_URL;
      else process.env.SAMLA_ADDIN_URL = previous;
    }
  });

  it('refuses a production build without an https SAMLA_ADDIN_URL', () => {
    const previous = process.env.SAMLA_ADDIN_URL;
    process.env.SAMLA_ADDIN_URL = 'http://samla.example';
    try {
      expect(() => createConfig({ mode: 'production' })).toThrow(/https/);
    } finally {
      if (previous === undefined) delete process.env.SAMLA_ADDIN_URL;
      else process.env.SAMLA_ADDIN_URL = previous;
    }
  });
});
