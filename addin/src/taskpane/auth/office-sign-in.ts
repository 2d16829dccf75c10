/// <reference types="office-js" />
import {
  InteractionRequiredAuthError,
  PublicClientApplication,
  createNestablePublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
  type IPublicClientApplication,
} from '@azure/msal-browser';

/** Samla's app registration, from the build (build-settings.ts). */
export interface SignInSettings {
  readonly clientId: string;
  /** The API's scope, `api://…/access_as_user`. */
  readonly scope: string;
  /** The Entra ID tenant of the app registration; empty: the signed-in user's own tenant, else `organizations`. */
  readonly tenantId: string;
}

/** What sign-in needs of Office, injectable so each path can be tried without Excel. */
export interface OfficeAuthHost {
  /** `Office.context.requirements.isSetSupported`. */
  supports(name: string, version: string): boolean;
  /** `Office.auth.getAuthContext()` (NestedAppAuth 1.1): the signed-in Office account. */
  authContext(): Promise<Pick<Office.AuthContext, 'loginHint' | 'tenantId'> | undefined>;
  /** Opens `url` with the Office dialog API (DialogApi 1.1) and resolves with the first message the dialog sends. */
  dialog(url: string): Promise<string>;
}

/** MSAL, injectable: the nestable application for NAA, the standard one for the dialog fallback's silent renewal. */
export interface MsalFactory {
  nestable(configuration: Configuration): Promise<IPublicClientApplication>;
  standard(configuration: Configuration): Promise<IPublicClientApplication>;
}

/** Silent sign-in could not give a token: the user must choose Logga in (consent, MFA, an expired session). */
export class SignInRequiredError extends Error {
  constructor(override readonly cause?: unknown) {
    super('Inloggningen behöver dig: välj Logga in med Microsoft igen. (Sign-in needs you: choose Sign in with Microsoft again.)');
    this.name = 'SignInRequiredError';
  }
}

/** The message the sign-in dialog sends back to the pane. */
export interface DialogMessage {
  readonly status: 'success' | 'failure';
  readonly accountId?: string;
  readonly error?: string;
}

export const NAA_SET = { name: 'NestedAppAuth', version: '1.1' } as const;

const officeHost: OfficeAuthHost = {
  supports: (name, version) => Office.context.requirements.isSetSupported(name, version),
  authContext: async () => (Office.context.requirements.isSetSupported(NAA_SET.name, NAA_SET.version) ? Office.auth.getAuthContext() : undefined),
  dialog: (url) =>
    new Promise((resolve, reject) => {
      Office.context.ui.displayDialogAsync(url, { height: 60, width: 30, promptBeforeOpen: false }, (opened) => {
        if (opened.status !== Office.AsyncResultStatus.Succeeded) {
          reject(new Error(opened.error.message));
          return;
        }
        const dialog = opened.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (event) => {
          dialog.close();
          if ('message' in event) resolve(event.message);
          else reject(new Error(`Dialog error ${event.error}`));
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, (event) => {
          if ('error' in event) reject(new SignInRequiredError(new Error(`The sign-in window was closed (${event.error}).`)));
        });
      });
    }),
};

const msal: MsalFactory = {
  nestable: (configuration) => createNestablePublicClientApplication(configuration),
  standard: async (configuration) => {
    const application = new PublicClientApplication(configuration);
    await application.initialize();
    return application;
  },
};

/** The authority of the tenant: the app's own, else the Office account's, else any work or school account. */
export function authorityFor(tenantId: string, officeTenantId?: string): string {
  return `https://login.microsoftonline.com/${tenantId || officeTenantId || 'organizations'}`;
}

/**
 * Sign-in as Microsoft documents it for Office add-ins. Where the host supports nested app authentication
 * (`NestedAppAuth 1.1`), MSAL's nestable application signs in with the Office account, hinted by
 * `Office.auth.getAuthContext()`; the host brokers any prompt. Elsewhere the Office dialog API (never
 * `window.open`) opens `auth-dialog.html`, which signs in with MSAL's redirect flow and leaves the account in the
 * origin's shared MSAL cache; the pane then renews tokens silently from that cache. `accessToken()` is called
 * before every API call: MSAL answers from its cache or renews silently, and when only the user can help it throws
 * `SignInRequiredError`, which the pane shows as a prompt to sign in again.
 */
export class MicrosoftSignIn {
  private application?: Promise<IPublicClientApplication>;
  private account?: AccountInfo;
  private loginHint?: string;

  constructor(
    private readonly settings: SignInSettings,
    private readonly dialogUrl: string,
    private readonly host: OfficeAuthHost = officeHost,
    private readonly factory: MsalFactory = msal,
  ) {
    if (!settings.clientId || !settings.scope) throw new Error('Samla is built without SAMLA_AUTH_CLIENT_ID and SAMLA_AUTH_SCOPE');
  }

  /** Whether this host signs in with nested app authentication (else with the dialog fallback). */
  get nested(): boolean {
    return this.host.supports(NAA_SET.name, NAA_SET.version);
  }

  private app(): Promise<IPublicClientApplication> {
    this.application ??= (async () => {
      const context = this.nested ? await this.host.authContext().catch(() => undefined) : undefined;
      this.loginHint = context?.loginHint || undefined;
      const configuration: Configuration = {
        auth: { clientId: this.settings.clientId, authority: authorityFor(this.settings.tenantId, context?.tenantId) },
        cache: { cacheLocation: 'localStorage' },
      };
      return this.nested ? this.factory.nestable(configuration) : this.factory.standard(configuration);
    })();
    return this.application;
  }

  private request() {
    return { scopes: [this.settings.scope], ...(this.loginHint ? { loginHint: this.loginHint } : {}), ...(this.account ? { account: this.account } : {}) };
  }

  /** Interactive sign-in, for the Logga in button: silent first, then the host's prompt or the dialog. */
  async signIn(): Promise<string> {
    try {
      return await this.accessToken();
    } catch (error) {
      if (!(error instanceof SignInRequiredError)) throw error;
    }
    const client = await this.app();
    if (this.nested) return this.remember(await client.acquireTokenPopup(this.request()));
    const message = JSON.parse(await this.host.dialog(this.dialogUrl)) as DialogMessage;
    if (message.status !== 'success') throw new Error(message.error ?? 'Inloggningen misslyckades.');
    this.account = (message.accountId ? client.getAccountByHomeId(message.accountId) : null) ?? client.getAllAccounts()[0];
    return this.accessToken();
  }

  /** A valid access token without any prompt: from MSAL's cache, renewed silently when it is about to expire. */
  async accessToken(): Promise<string> {
    const client = await this.app();
    this.account ??= client.getActiveAccount() ?? client.getAllAccounts()[0];
    // No account in the cache and no hint to find one by: only the user can sign in.
    if (!this.account && !this.loginHint) throw new SignInRequiredError();
    try {
      const result = this.account ? await client.acquireTokenSilent(this.request()) : await client.ssoSilent(this.request());
      return this.remember(result);
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError || !this.account) throw new SignInRequiredError(error);
      throw error;
    }
  }

  private remember(result: AuthenticationResult): string {
    this.account = result.account ?? this.account;
    return result.accessToken;
  }
}
