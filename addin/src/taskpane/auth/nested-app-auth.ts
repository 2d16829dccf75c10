import { createNestablePublicClientApplication, type IPublicClientApplication } from '@azure/msal-browser';

let application: Promise<IPublicClientApplication> | undefined;

/**
 * Signs in with the Office host's account through MSAL's nested app authentication and returns an access
 * token for Samla's API. Silent first; a popup only when Entra ID needs the user (consent, MFA).
 */
export async function microsoftAccessToken(clientId: string, scope: string, tenantId = ''): Promise<string> {
  if (!clientId || !scope) throw new Error('Samla is built without SAMLA_AUTH_CLIENT_ID and SAMLA_AUTH_SCOPE');
  // A single-tenant app registration (infra/entra-app-registration.md) must be signed in at its own tenant.
  const authority = `https://login.microsoftonline.com/${tenantId || 'common'}`;
  application ??= createNestablePublicClientApplication({ auth: { clientId, authority } });
  const client = await application;
  const request = { scopes: [scope] };
  try {
    return (await client.acquireTokenSilent(request)).accessToken;
  } catch {
    return (await client.acquireTokenPopup(request)).accessToken;
  }
}
