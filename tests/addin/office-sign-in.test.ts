/**
 * Sign-in as Microsoft documents it for Office add-ins, tried on each kind of host. Office and Entra ID can't run
 * here, so the host (requirement sets, auth context, dialog) and MSAL's applications are stand-ins that record
 * what Samla asks of them; MSAL's own error classes are the real ones.
 */
import {
  InteractionRequiredAuthError,
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { SamlaApi } from '../../addin/src/taskpane/api/samla-api';
import { MicrosoftSignIn, SignInRequiredError, authorityFor, type OfficeAuthHost } from '../../addin/src/taskpane/auth/office-sign-in';

const SETTINGS = { clientId: '11111111-2222-3333-4444-555555555555', scope: 'api://samla/access_as_user', tenantId: '' };
const DIALOG_URL = 'https://localhost:3000/auth-dialog.html';
const ACCOUNT = { homeAccountId: 'home-1', username: 'anna@lansstyrelsen.se' } as AccountInfo;

interface Calls {
  configurations: { kind: 'nestable' | 'standard'; configuration: Configuration }[];
  requests: { method: string; request: Record<string, unknown> }[];
  dialogs: string[];
}

function fakeMsal(calls: Calls, silent: () => Promise<AuthenticationResult>) {
  let tokens = 0;
  const result = () => ({ accessToken: `token-${++tokens}`, account: ACCOUNT }) as AuthenticationResult;
  let signedIn = false;
  const application = {
    acquireTokenSilent: async (request: Record<string, unknown>) => {
      calls.requests.push({ method: 'acquireTokenSilent', request });
      await silent();
      return result();
    },
    ssoSilent: async (request: Record<string, unknown>) => {
      calls.requests.push({ method: 'ssoSilent', request });
      await silent();
      return result();
    },
    acquireTokenPopup: async (request: Record<string, unknown>) => {
      calls.requests.push({ method: 'acquireTokenPopup', request });
      signedIn = true;
      return result();
    },
    getActiveAccount: () => null,
    getAllAccounts: () => (signedIn ? [ACCOUNT] : []),
    getAccountByHomeId: (id: string) => (id === ACCOUNT.homeAccountId ? ACCOUNT : null),
    markSignedIn: () => (signedIn = true),
  };
  // Why the cast: the stand-in has only the members Samla's sign-in calls.
  return application as unknown as IPublicClientApplication & { markSignedIn(): void };
}

function setUp(options: { naa: boolean; silent?: () => Promise<AuthenticationResult>; tenantId?: string }) {
  const calls: Calls = { configurations: [], requests: [], dialogs: [] };
  const msal = fakeMsal(calls, options.silent ?? (async () => ({}) as AuthenticationResult));
  const host: OfficeAuthHost = {
    supports: (name, version) => options.naa && name === 'NestedAppAuth' && version === '1.1',
    authContext: async () => ({ loginHint: 'anna@lansstyrelsen.se', tenantId: 'tenant-of-office' }),
    dialog: async (url) => {
      calls.dialogs.push(url);
      msal.markSignedIn();
      return JSON.stringify({ status: 'success', accountId: ACCOUNT.homeAccountId });
    },
  };
  const factory = {
    nestable: async (configuration: Configuration) => {
      calls.configurations.push({ kind: 'nestable', configuration });
      return msal;
    },
    standard: async (configuration: Configuration) => {
      calls.configurations.push({ kind: 'standard', configuration });
      return msal;
    },
  };
  const signIn = new MicrosoftSignIn({ ...SETTINGS, tenantId: options.tenantId ?? '' }, DIALOG_URL, host, factory);
  return { calls, signIn };
}

describe('Microsoft sign-in in the Office host', () => {
  it('uses nested app authentication where NestedAppAuth 1.1 is supported, hinted by the Office account', async () => {
    const { calls, signIn } = setUp({ naa: true });
    expect(await signIn.signIn()).toBe('token-1');
    expect(calls.configurations.map((entry) => entry.kind)).toEqual(['nestable']);
    expect(calls.configurations[0]?.configuration.auth.authority).toBe('https://login.microsoftonline.com/tenant-of-office');
    expect(calls.requests[0]).toEqual({ method: 'ssoSilent', request: { scopes: [SETTINGS.scope], loginHint: 'anna@lansstyrelsen.se' } });
    expect(calls.dialogs).toEqual([]);
  });

  it('signs in at the app registration’s own tenant when the build names one', async () => {
    const { calls, signIn } = setUp({ naa: true, tenantId: 'gotland-tenant' });
    await signIn.signIn();
    expect(calls.configurations[0]?.configuration.auth.authority).toBe('https://login.microsoftonline.com/gotland-tenant');
    expect(authorityFor('', undefined)).toBe('https://login.microsoftonline.com/organizations');
  });

  it('falls back to the Office dialog API where nested app authentication is missing, never a popup', async () => {
    const { calls, signIn } = setUp({ naa: false, silent: async () => Promise.reject(new InteractionRequiredAuthError('no_tokens_found')) });
    await expect(signIn.accessToken()).rejects.toBeInstanceOf(SignInRequiredError);
    const { calls: fresh, signIn: again } = setUp({ naa: false });
    expect(await again.signIn()).toMatch(/^token-/);
    expect(fresh.configurations.map((entry) => entry.kind)).toEqual(['standard']);
    expect(fresh.dialogs).toEqual([DIALOG_URL]);
    expect(fresh.requests.map((entry) => entry.method)).not.toContain('acquireTokenPopup');
    expect(calls.requests.map((entry) => entry.method)).not.toContain('acquireTokenPopup');
  });

  it('asks MSAL for a token before every call, so an expiring token is renewed silently', async () => {
    const { calls, signIn } = setUp({ naa: true });
    await signIn.signIn();
    const seen: (string | null)[] = [];
    const api = new SamlaApi(
      'https://samla.example/api',
      () => signIn.accessToken(),
      () => 'sv',
      async (_url, init) => {
        seen.push(new Headers(init?.headers).get('Authorization'));
        return new Response(JSON.stringify({ role: 'staff', board: 'I', name: 'Anna' }), { status: 200 });
      },
    );
    await api.me();
    await api.me();
    expect(seen).toEqual(['Bearer token-2', 'Bearer token-3']);
    expect(calls.requests.slice(1).map((entry) => [entry.method, entry.request.account])).toEqual([
      ['acquireTokenSilent', ACCOUNT],
      ['acquireTokenSilent', ACCOUNT],
    ]);
  });

  it('says clearly that the user must sign in again when only the user can help', async () => {
    let fail = false;
    const { signIn } = setUp({
      naa: true,
      silent: async () => (fail ? Promise.reject(new InteractionRequiredAuthError('interaction_required')) : ({} as AuthenticationResult)),
    });
    await signIn.signIn();
    fail = true;
    const error = await signIn.accessToken().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SignInRequiredError);
    expect((error as Error).message).toMatch(/välj Logga in med Microsoft igen/);
  });
});
