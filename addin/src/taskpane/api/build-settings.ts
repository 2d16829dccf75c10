// Replaced by webpack's DefinePlugin; the typeof guards keep modules importable outside webpack (tests).
declare const SAMLA_API_BASE: string | undefined;
declare const SAMLA_DEV: boolean | undefined;
declare const SAMLA_AUTH_CLIENT_ID: string | undefined;
declare const SAMLA_AUTH_SCOPE: string | undefined;
declare const SAMLA_AUTH_TENANT_ID: string | undefined;

/** Settings fixed when the pane is built: the API's base URL follows the add-in's one URL setting. */
export const BUILD_SETTINGS = {
  apiBase: typeof SAMLA_API_BASE === 'string' ? SAMLA_API_BASE : '/api',
  development: typeof SAMLA_DEV === 'boolean' ? SAMLA_DEV : true,
  authClientId: typeof SAMLA_AUTH_CLIENT_ID === 'string' ? SAMLA_AUTH_CLIENT_ID : '',
  authScope: typeof SAMLA_AUTH_SCOPE === 'string' ? SAMLA_AUTH_SCOPE : '',
  /** The Entra ID tenant to sign in at: a single-tenant app registration refuses the /common endpoint. */
  authTenantId: typeof SAMLA_AUTH_TENANT_ID === 'string' ? SAMLA_AUTH_TENANT_ID : '',
} as const;
