import path from 'path';

const root = path.join(__dirname, '..', '..');
/* eslint-disable @typescript-eslint/no-require-imports -- the build's own CommonJS modules, as webpack and npm run them */
const deployment = require(path.join(root, 'addin', 'deployment.js')) as { buildDefinitions(mode: string, env: NodeJS.ProcessEnv): Record<string, string> };
const addinBuild = require(path.join(root, 'scripts', 'build-addin.js')) as { settingProblems(env: NodeJS.ProcessEnv): string[] };
/* eslint-enable @typescript-eslint/no-require-imports */

const production = {
  SAMLA_ADDIN_URL: 'https://samlawebabc123.z1.web.core.windows.net',
  SAMLA_API_URL: 'https://samla-api-abc123.azurewebsites.net/',
  SAMLA_AUTH_CLIENT_ID: '11111111-1111-1111-1111-111111111111',
  SAMLA_AUTH_SCOPE: 'api://11111111-1111-1111-1111-111111111111/access_as_user',
  SAMLA_AUTH_TENANT_ID: '00000000-0000-0000-0000-000000000000',
};
const values = (definitions: Record<string, string>) =>
  Object.fromEntries(Object.entries(definitions).map(([key, value]) => [key, JSON.parse(value) as unknown]));

describe("the add-in's production build settings", () => {
  it("writes the function app's API, the app registration and Microsoft sign-in into a production pane", () => {
    expect(values(deployment.buildDefinitions('production', production))).toEqual({
      SAMLA_API_BASE: 'https://samla-api-abc123.azurewebsites.net/api',
      SAMLA_DEV: false,
      SAMLA_AUTH_CLIENT_ID: production.SAMLA_AUTH_CLIENT_ID,
      SAMLA_AUTH_SCOPE: production.SAMLA_AUTH_SCOPE,
      SAMLA_AUTH_TENANT_ID: production.SAMLA_AUTH_TENANT_ID,
    });
  });

  it("calls the API on the add-in's own origin when SAMLA_API_URL is not given", () => {
    const { SAMLA_API_URL: _api, ...sameOrigin } = production;
    expect(values(deployment.buildDefinitions('production', sameOrigin)).SAMLA_API_BASE).toBe('https://samlawebabc123.z1.web.core.windows.net/api');
  });

  it('keeps development on the proxied /api with dev sign-in and no app registration', () => {
    expect(values(deployment.buildDefinitions('development', production))).toEqual({
      SAMLA_API_BASE: '/api',
      SAMLA_DEV: true,
      SAMLA_AUTH_CLIENT_ID: '',
      SAMLA_AUTH_SCOPE: '',
      SAMLA_AUTH_TENANT_ID: '',
    });
  });

  it('refuses a production API that is not https', () => {
    expect(() => deployment.buildDefinitions('production', { ...production, SAMLA_API_URL: 'http://127.0.0.1:7071' })).toThrow(
      /SAMLA_API_URL must be an https URL/,
    );
  });

  it('asks for the sign-in settings before npm run build makes a production pane', () => {
    expect(addinBuild.settingProblems(production)).toEqual([]);
    const problems = addinBuild.settingProblems({ SAMLA_ADDIN_URL: 'http://samla.example', SAMLA_API_URL: 'nonsense' });
    expect(problems).toEqual([
      expect.stringMatching(/^SAMLA_AUTH_CLIENT_ID is not set/),
      expect.stringMatching(/^SAMLA_AUTH_SCOPE is not set/),
      expect.stringMatching(/^SAMLA_AUTH_TENANT_ID is not set/),
      'SAMLA_ADDIN_URL must be an https URL, not http://samla.example',
      'SAMLA_API_URL=nonsense is not a URL',
    ]);
    // The same https rule as the webpack build's (addin/deployment.js), asked before it runs.
    expect(addinBuild.settingProblems({ ...production, SAMLA_API_URL: 'http://127.0.0.1:7071' })).toEqual([
      expect.stringMatching(/^SAMLA_API_URL must be an https URL/),
    ]);
  });
});
