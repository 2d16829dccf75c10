/// <reference types="office-js" />
import { PublicClientApplication } from '@azure/msal-browser';
import { BUILD_SETTINGS } from '../api/build-settings';
import { authorityFor, type DialogMessage } from './office-sign-in';

/**
 * The page the Office dialog API opens where nested app authentication is missing: MSAL's redirect flow signs the
 * user in (the dialog may navigate to login.microsoftonline.com; the manifest lists it in AppDomains), the account
 * lands in the origin's MSAL cache that the pane shares, and `messageParent` tells the pane which account it is.
 */
async function signInInDialog(): Promise<DialogMessage> {
  const application = new PublicClientApplication({
    auth: { clientId: BUILD_SETTINGS.authClientId, authority: authorityFor(BUILD_SETTINGS.authTenantId), redirectUri: window.location.href.split('?')[0] },
    cache: { cacheLocation: 'localStorage' },
  });
  await application.initialize();
  const returned = await application.handleRedirectPromise();
  if (returned?.account) return { status: 'success', accountId: returned.account.homeAccountId };
  await application.loginRedirect({ scopes: [BUILD_SETTINGS.authScope], prompt: 'select_account' });
  return new Promise(() => undefined);
}

void Office.onReady(async () => {
  const message = await signInInDialog().catch((error: unknown): DialogMessage => ({
    status: 'failure',
    error: error instanceof Error ? error.message : String(error),
  }));
  Office.context.ui.messageParent(JSON.stringify(message));
});
