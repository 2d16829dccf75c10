import { readdirSync, readFileSync, statSync } from 'fs';
import path from 'path';
import { LUJ_INITIATIVE } from '@samla/shared';
import { readAuthSettings } from '../../functions/src/auth/auth-settings';
import { readInitiativeSettings } from '../../functions/src/services';
import { readStorageSettings } from '../../functions/src/storage/storage-settings';
import { apiVersions, balanced, objectEntries, parameters, resources, stringLiteral, variable, withoutComments } from './support/bicep-text';

// infra/main.bicep is checked as text: there is no Bicep compiler on this machine (`az bicep build` was not run).
const root = path.join(__dirname, '..', '..');
const bicep = withoutComments(readFileSync(path.join(root, 'infra', 'main.bicep'), 'utf8'));
const parameterFile = JSON.parse(readFileSync(path.join(root, 'infra', 'main.parameters.json'), 'utf8')) as {
  parameters: Record<string, { value: unknown }>;
};

/** Settings the code reads that production must NOT set, and why. */
const LOCAL_ONLY: Record<string, string> = {
  SAMLA_DEV_AUTH_DIR: 'dev sign-in (SAMLA_AUTH=dev) only',
  SAMLA_STORAGE_CONNECTION_STRING: 'Azurite or an account key; production reaches storage by managed identity',
};

/** Values known only once Azure has created the resources, as the test stands them in. */
const RUNTIME_VALUES: Record<string, string> = {
  'dataStorage.properties.primaryEndpoints.table': 'https://samladataabc123.table.core.windows.net/',
  'dataStorage.name': 'samladataabc123',
  'insights.properties.ConnectionString':
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://swedencentral-0.in.applicationinsights.azure.com/',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'dev-host' ? [] : sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Every SAMLA_* name the functions' code (outside the local development host) reads. */
function settingsTheCodeReads(): Set<string> {
  const names = sourceFiles(path.join(root, 'functions', 'src')).flatMap((file) => readFileSync(file, 'utf8').match(/\bSAMLA_[A-Z0-9_]+\b/g) ?? []);
  return new Set(names);
}

/** The app settings resource's `properties`: the union of these variables. */
function appSettingsVariables(): string[] {
  const [config, ...others] = resources(bicep, 'Microsoft.Web/sites/config').filter((resource) => /name: 'appsettings'/.test(resource.body));
  expect(others).toHaveLength(0);
  const properties = /properties: union\(([^)]*)\)/.exec(config?.body ?? '');
  if (!properties) throw new Error('the appsettings resource must set properties: union(<variables>)');
  return (properties[1] as string).split(',').map((name) => name.trim());
}

/** Each app setting: its expression, and whether it is left out when its parameter is empty. */
function appSettings(): Map<string, { expression: string; omittedWhenEmpty?: string }> {
  const settings = new Map<string, { expression: string; omittedWhenEmpty?: string }>();
  for (const name of appSettingsVariables()) {
    const body = variable(bicep, name);
    for (const conditional of body.matchAll(/empty\((\w+)\)\s*\?\s*\{\}\s*:\s*\{\s*(\w+)\s*:\s*(\w+)\s*\}/g)) {
      settings.set(conditional[2] as string, { expression: conditional[3] as string, omittedWhenEmpty: conditional[1] as string });
    }
    for (const [key, expression] of objectEntries(body)) {
      if (!settings.has(key)) settings.set(key, { expression });
    }
  }
  return settings;
}

/** The value of a parameter in infra/main.parameters.json, else its default literal. */
function parameterValue(name: string, overrides: Record<string, string> = {}): string | undefined {
  if (name in overrides) return overrides[name];
  const given = parameterFile.parameters[name]?.value;
  if (given !== undefined) return String(given);
  const declared = parameters(bicep).get(name);
  if (!declared) throw new Error(`${name} is not a parameter`);
  return declared.defaultValue === undefined ? undefined : stringLiteral(declared.defaultValue);
}

/** The environment the function app gets from the template and the example parameters. */
function environment(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, { expression, omittedWhenEmpty }] of appSettings()) {
    if (omittedWhenEmpty && !parameterValue(omittedWhenEmpty, overrides)) continue;
    const value =
      stringLiteral(expression) ?? RUNTIME_VALUES[expression] ?? (parameters(bicep).has(expression) ? parameterValue(expression, overrides) : undefined);
    if (value === undefined) throw new Error(`can't tell what ${key} = ${expression} will be`);
    env[key] = value;
  }
  return env;
}

describe('infra/main.bicep', () => {
  it('sets exactly the SAMLA_ settings the functions read in production', () => {
    const read = [...settingsTheCodeReads()].filter((name) => !(name in LOCAL_ONLY)).sort();
    const set = [...appSettings().keys()].filter((key) => key.startsWith('SAMLA_')).sort();
    expect(set).toEqual(read);
    // The list above is derived from the code; make sure that derivation found the known ones.
    expect(read).toEqual(
      expect.arrayContaining([
        'SAMLA_AUTH',
        'SAMLA_ENTRA_TENANT_ID',
        'SAMLA_ENTRA_AUDIENCE',
        'SAMLA_BOARD_CLAIM',
        'SAMLA_STORAGE_ACCOUNT_URL',
        'SAMLA_TABLE_PREFIX',
      ]),
    );
  });

  it('sets the Functions host up by identity: AzureWebJobsStorage__accountName and Application Insights by Entra ID', () => {
    const settings = appSettings();
    expect(settings.get('AzureWebJobsStorage__accountName')?.expression).toBe('dataStorage.name');
    expect(settings.has('AzureWebJobsStorage')).toBe(false);
    expect(settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING')?.expression).toBe('insights.properties.ConnectionString');
    expect(settings.get('APPLICATIONINSIGHTS_AUTHENTICATION_STRING')?.expression).toBe("'Authorization=AAD'");
    // Flex Consumption takes the runtime from functionAppConfig and refuses these as app settings.
    for (const refused of ['FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_EXTENSION_VERSION', 'WEBSITE_NODE_DEFAULT_VERSION', 'WEBSITE_RUN_FROM_PACKAGE']) {
      expect(settings.has(refused)).toBe(false);
    }
  });

  it('gives the functions settings that switch on Entra ID sign-in and managed-identity storage', () => {
    const env = environment();
    expect(readAuthSettings(env)).toEqual({
      mode: 'entra',
      issuer: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
      audience: ['11111111-1111-1111-1111-111111111111'],
      jwksUri: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/discovery/v2.0/keys',
      boardClaim: 'extn.board',
    });
    expect(readStorageSettings(env)).toEqual({
      kind: 'account-url',
      accountUrl: 'https://samladataabc123.table.core.windows.net/',
      tablePrefix: 'Samla',
      deadlineMs: 7000,
    });
    expect(readInitiativeSettings(env)).toBe(LUJ_INITIATIVE);
  });

  it('leaves the optional settings out when their parameters are empty, and passes them on when given', () => {
    const bare = environment();
    for (const optional of ['SAMLA_ENTRA_ISSUER', 'SAMLA_ENTRA_JWKS_URI', 'SAMLA_INITIATIVE_FILE']) expect(bare).not.toHaveProperty(optional);
    const issuer = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0';
    const jwks = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
    const given = environment({ entraIssuer: issuer, entraJwksUri: jwks, initiativeFile: '/home/site/initiative.json' });
    expect(given).toMatchObject({ SAMLA_ENTRA_ISSUER: issuer, SAMLA_ENTRA_JWKS_URI: jwks, SAMLA_INITIATIVE_FILE: '/home/site/initiative.json' });
    expect(readAuthSettings(given)).toMatchObject({ mode: 'entra', issuer, jwksUri: jwks });
  });

  it('holds no account key or storage connection string, and turns shared keys off on every storage account', () => {
    expect(bicep).not.toMatch(/AccountKey/i);
    expect(bicep).not.toMatch(/listKeys|listServiceSas|listAccountSas/);
    expect(bicep).not.toContain('SAMLA_STORAGE_CONNECTION_STRING');
    expect(bicep).not.toMatch(/DefaultEndpointsProtocol/);
    const accounts = resources(bicep, 'Microsoft.Storage/storageAccounts');
    expect(accounts.map((account) => account.name).sort()).toEqual(['dataStorage', 'webStorage']);
    for (const account of accounts) {
      expect({
        account: account.name,
        sharedKey: /allowSharedKeyAccess: false/.test(account.body),
        publicBlobs: /allowBlobPublicAccess: false/.test(account.body),
      }).toEqual({ account: account.name, sharedKey: true, publicBlobs: true });
    }
  });

  it("runs the functions on Flex Consumption (FC1) with Node 22, deployed from a blob container by the app's identity", () => {
    const [plan] = resources(bicep, 'Microsoft.Web/serverfarms');
    expect(plan?.body).toMatch(/name: 'FC1'/);
    expect(plan?.body).toMatch(/tier: 'FlexConsumption'/);
    expect(plan?.body).toMatch(/reserved: true/);
    const [site] = resources(bicep, 'Microsoft.Web/sites');
    const body = site?.body ?? '';
    expect(body).toMatch(/kind: 'functionapp,linux'/);
    expect(body).toMatch(/identity: \{ type: 'SystemAssigned' \}/);
    expect(body).toMatch(/serverFarmId: plan\.id/);
    const config = balanced(body, body.indexOf('{', body.indexOf('functionAppConfig:')));
    expect(config).toMatch(/runtime: \{\s*name: 'node'\s*version: '22'\s*\}/);
    expect(config).toMatch(/type: 'blobContainer'/);
    expect(config).toMatch(/value: '\$\{dataStorage\.properties\.primaryEndpoints\.blob\}\$\{deploymentContainerName\}'/);
    expect(config).toMatch(/authentication: \{ type: 'SystemAssignedIdentity' \}/);
    expect(config).toMatch(/instanceMemoryMB: instanceMemoryMB/);
    expect(variable(bicep, 'roles')).toBeDefined();
    expect(resources(bicep, 'Microsoft.Storage/storageAccounts/blobServices/containers')[0]?.body).toMatch(/name: deploymentContainerName/);
  });

  it("grants the function app's identity Storage Blob Data Owner and Storage Table Data Contributor on the data account", () => {
    const roles = objectEntries(variable(bicep, 'roles'));
    expect(roles.get('storageBlobDataOwner')).toBe("'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'");
    expect(roles.get('storageTableDataContributor')).toBe("'0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'");
    const assignments = resources(bicep, 'Microsoft.Authorization/roleAssignments');
    for (const role of ['storageBlobDataOwner', 'storageTableDataContributor']) {
      const assignment = assignments.find((candidate) => candidate.body.includes(`roles.${role})`));
      expect(assignment?.body).toMatch(/scope: dataStorage\n/);
      expect(assignment?.body).toMatch(/principalId: functionApp\.identity\.principalId/);
      expect(assignment?.body).toMatch(/principalType: 'ServicePrincipal'/);
    }
    // The settings wait for the roles: the host starts as soon as it has them.
    expect(resources(bicep, 'Microsoft.Web/sites/config')[0]?.body).toMatch(/dependsOn: \[blobOwner, tableContributor/);
  });

  it("lets the add-in's origin call the API (CORS) and says where the add-in and the API are", () => {
    const [site] = resources(bicep, 'Microsoft.Web/sites');
    expect(site?.body).toMatch(/allowedOrigins: concat\(\[addinOrigin\], extraCorsOrigins\)/);
    expect(bicep).toMatch(/^var webEndpoint = webStorage\.properties\.primaryEndpoints\.web$/m);
    expect(bicep).toMatch(/^output addinUrl string = addinOrigin$/m);
    expect(bicep).toMatch(/^output apiUrl string = 'https:\/\/\$\{functionApp\.properties\.defaultHostName\}'$/m);
  });

  it('uses dated, non-preview API versions', () => {
    const versions = apiVersions(bicep);
    expect(versions.length).toBeGreaterThanOrEqual(9);
    for (const { type, version } of versions) expect({ type, version }).toEqual({ type, version: expect.stringMatching(/^20\d\d-\d\d-\d\d$/) });
  });

  it('has an example parameters file that names only declared parameters and every required one', () => {
    const declared = parameters(bicep);
    const given = Object.keys(parameterFile.parameters);
    for (const name of given) expect({ name, declared: declared.has(name) }).toEqual({ name, declared: true });
    const required = [...declared].filter(([, parameter]) => parameter.defaultValue === undefined).map(([name]) => name);
    expect(required).toEqual(['entraAudience']);
    for (const name of required) expect(given).toContain(name);
  });
});
