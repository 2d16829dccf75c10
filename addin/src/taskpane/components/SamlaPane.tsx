import { DEFAULT_LANGUAGE, initiativeYears, type BoardCode, type Language, type Year } from '@samla/shared';
import { Button, Field, FluentProvider, MessageBar, MessageBarBody, Select, Spinner, webLightTheme } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { BUILD_SETTINGS } from '../api/build-settings';
import { ApiError, NetworkError, SamlaApi, type Fetch, type Me, type Role } from '../api/samla-api';
import { MicrosoftSignIn } from '../auth/office-sign-in';
import type { WorkbookPort } from '../excel/workbook-port';
import { BUILT_IN_INITIATIVE, dueDateOf, type InitiativeView } from '../views/initiative-view';
import { CoordinatorPane } from './CoordinatorPane';
import { errorText } from './error-text';
import { FinancePane } from './FinancePane';
import { translator, type RolePaneProps } from './pane-props';
import { usePaneWork, type Notice } from './pane-work';
import { ROLE_CSS } from './role-styles';
import { SignInPanel, roleText } from './SignInPanel';
import { StaffPane } from './StaffPane';

export interface SamlaPaneProps {
  readonly port: WorkbookPort;
  readonly signIn: 'dev' | 'microsoft';
  readonly apiBase?: string;
  readonly fetcher?: Fetch;
  /** In the browser preview a report is downloaded instead of opened in Excel. */
  readonly preview?: boolean;
}

/**
 * The Samla task pane's shell: language, sign-in, the initiative and year, the status area with its cancel button;
 * inside it the pane of the signed-in role (StaffPane, CoordinatorPane, FinancePane). Signing out unmounts the
 * role's pane, so nothing of the previous user stays on screen.
 */
export function SamlaPane({ port, signIn, apiBase = BUILD_SETTINGS.apiBase, fetcher, preview = false }: SamlaPaneProps) {
  const [language, setLanguage] = useState<Language>(DEFAULT_LANGUAGE);
  const [me, setMe] = useState<Me>();
  const [initiative, setInitiative] = useState<InitiativeView>(BUILT_IN_INITIATIVE);
  const [year, setYear] = useState<Year>(initiativeYears(BUILT_IN_INITIATIVE.settings)[0] ?? 2013);
  const [session, setSession] = useState(0);
  const work = usePaneWork(language);
  const token = useRef<string | undefined>(undefined);
  const microsoft = useRef<MicrosoftSignIn | undefined>(undefined);
  const languageRef = useRef(language);
  languageRef.current = language;
  const roleHeading = useRef<HTMLHeadingElement>(null);
  const api = useMemo(
    () =>
      new SamlaApi(
        apiBase,
        // Microsoft sign-in renews its token silently before each call; the dev token is fixed.
        () => (microsoft.current && token.current ? microsoft.current.accessToken() : token.current),
        () => languageRef.current,
        fetcher,
      ),
    [apiBase, fetcher],
  );
  const t = translator(language);

  useEffect(() => {
    if (me) roleHeading.current?.focus();
  }, [me]);

  // Samla's own failures in the pane's words; MSAL's errors (consent, popup blocked) say best what they are.
  const signInFailed = (error: unknown): string =>
    t('errorSignIn', {
      message: error instanceof ApiError || error instanceof NetworkError || !(error instanceof Error) ? errorText(error, language) : error.message,
    });

  async function completeSignIn(newToken: string, signal: AbortSignal): Promise<Notice | undefined> {
    token.current = newToken;
    const who = await api.me({ signal });
    let loaded: InitiativeView = BUILT_IN_INITIATIVE;
    let notice: Notice | undefined;
    try {
      loaded = { ...(await api.initiative({ signal })), fromServer: true };
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
      notice = { tone: 'info', text: t('initiativeFallback') };
    }
    const years = initiativeYears(loaded.settings);
    setInitiative(loaded);
    if (!years.includes(year)) setYear(years[0] ?? year);
    setSession((count) => count + 1);
    setMe(who);
    return notice;
  }

  const devSignIn = (role: Role, devBoard: BoardCode | undefined) =>
    work.run(t('signingIn'), async (signal) => completeSignIn(await api.devToken(role, devBoard), signal), signInFailed);
  const microsoftSignIn = () =>
    work.run(
      t('signingIn'),
      async (signal) => {
        microsoft.current ??= new MicrosoftSignIn(
          { clientId: BUILD_SETTINGS.authClientId, scope: BUILD_SETTINGS.authScope, tenantId: BUILD_SETTINGS.authTenantId },
          new URL('auth-dialog.html', window.location.href).href,
        );
        return completeSignIn(await microsoft.current.signIn(), signal);
      },
      signInFailed,
    );

  function signOut(): void {
    token.current = undefined;
    microsoft.current = undefined;
    work.reset();
    setMe(undefined);
    setInitiative(BUILT_IN_INITIATIVE);
    setSession((count) => count + 1);
  }

  const due = dueDateOf(initiative, year);
  const roleProps: RolePaneProps | undefined = me && { api, language, me, initiative, year, work, port, preview };
  const notice = work.notice;
  return (
    <FluentProvider theme={webLightTheme} lang={language}>
      <style>{ROLE_CSS}</style>
      <main className="samla-pane" aria-busy={work.busy !== undefined}>
        <header className="samla-header">
          <h1>{t('paneTitle')}</h1>
          <Button size="small" aria-label={t('languageSwitchLabel')} onClick={() => setLanguage(language === 'sv' ? 'en' : 'sv')}>
            {t('languageSwitch')}
          </Button>
        </header>
        <div role="status" aria-live="polite" className="samla-status">
          {work.busy && (
            <div className="samla-busy">
              <Spinner size="tiny" label={work.busy} />
              <Button size="small" onClick={work.cancel}>
                {t('cancel')}
              </Button>
            </div>
          )}
          {notice && (
            <MessageBar intent={notice.tone} className="samla-notice" data-tone={notice.tone}>
              <MessageBarBody>
                {notice.text}
                {notice.details && notice.details.length > 0 && (
                  <ul className="samla-results">
                    {notice.details.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                )}
              </MessageBarBody>
              {notice.action && (
                <Button size="small" onClick={notice.action.run}>
                  {notice.action.label}
                </Button>
              )}
            </MessageBar>
          )}
        </div>
        {me ? (
          <section aria-label={t('signInHeading')} className="samla-session">
            <p>{t('signedInAs', { name: me.name, role: roleText(language, me.role) })}</p>
            <Button size="small" onClick={signOut}>
              {t('signOut')}
            </Button>
          </section>
        ) : (
          <SignInPanel language={language} mode={signIn} busy={work.busy !== undefined} onDevSignIn={devSignIn} onMicrosoftSignIn={microsoftSignIn} />
        )}
        <section aria-labelledby="samla-year-heading" className="samla-year">
          <h2 id="samla-year-heading" ref={roleHeading} tabIndex={-1}>
            {initiative.settings.shortName} {year}
          </h2>
          <Field label={t('yearLabel')}>
            <Select id="samla-year" value={String(year)} onChange={(_event, data) => setYear(Number(data.value))}>
              {initiativeYears(initiative.settings).map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </Select>
          </Field>
          {due && <p className="samla-due">{t('dueDate', { year, date: due })}</p>}
        </section>
        {roleProps?.me.role === 'staff' && <StaffPane key={session} {...roleProps} />}
        {roleProps?.me.role === 'coordinator' && <CoordinatorPane key={session} {...roleProps} />}
        {roleProps?.me.role === 'finance' && <FinancePane key={session} {...roleProps} />}
        {!me && <StaffPane key={session} api={api} language={language} initiative={initiative} year={year} work={work} port={port} preview={preview} />}
      </main>
    </FluentProvider>
  );
}
