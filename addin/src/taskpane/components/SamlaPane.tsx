import {
  DEFAULT_LANGUAGE,
  LUJ_INITIATIVE,
  TEMPLATE_KEYS,
  boardByCode,
  initiativeYears,
  templateDefinition,
  type BoardCode,
  type Issue,
  type Language,
  type ReportKind,
  type ReportSubmission,
  type TemplateKey,
  type Year,
} from '@samla/shared';
import { Button, Field, FluentProvider, MessageBar, MessageBarBody, Select, Spinner, webLightTheme } from '@fluentui/react-components';
import { useMemo, useRef, useState } from 'react';
import { BUILD_SETTINGS } from '../api/build-settings';
import { ApiError, NetworkError, SamlaApi, base64FromBytes, type Fetch, type Me, type Role } from '../api/samla-api';
import { MicrosoftSignIn } from '../auth/office-sign-in';
import { checkWorkbook, issueMarks, issuesAtUserCells, submissionBody, type WorkbookCheck } from '../checking/workbook-check';
import { addressInSheet, type WorkbookPort } from '../excel/workbook-port';
import { paneText, type PaneStringKey } from '../i18n/pane-strings';
import { BoardSelect } from './BoardSelect';
import { errorText } from './error-text';
import { HistoryTable } from './HistoryTable';
import { IssueList } from './IssueList';
import { SignInPanel, roleText } from './SignInPanel';

interface Notice {
  readonly tone: 'success' | 'error' | 'info';
  readonly text: string;
}

export interface SamlaPaneProps {
  readonly port: WorkbookPort;
  readonly signIn: 'dev' | 'microsoft';
  readonly apiBase?: string;
  readonly fetcher?: Fetch;
  /** In the browser preview a report is downloaded instead of opened in Excel. */
  readonly preview?: boolean;
}

/** A report too large to open in Excel, offered as a file instead. */
interface ReportDownload {
  readonly url: string;
  readonly fileName: string;
}

const REPORTS: readonly { kind: ReportKind; label: PaneStringKey }[] = [
  { kind: 'status', label: 'reportStatus' },
  { kind: 'final', label: 'reportFinal' },
  { kind: 'financial', label: 'reportFinancial' },
];

function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/** The Samla task pane: sign in, choose board and year, create, check and submit the templates, reports. */
export function SamlaPane({ port, signIn, apiBase = BUILD_SETTINGS.apiBase, fetcher, preview = false }: SamlaPaneProps) {
  const [language, setLanguage] = useState<Language>(DEFAULT_LANGUAGE);
  const [me, setMe] = useState<Me>();
  const [board, setBoard] = useState<BoardCode>('I');
  const [year, setYear] = useState<Year>(initiativeYears(LUJ_INITIATIVE)[0] ?? 2013);
  const [busy, setBusy] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const [results, setResults] = useState<readonly string[]>([]);
  const [history, setHistory] = useState<Record<TemplateKey, ReportSubmission[]>>();
  const token = useRef<string | undefined>(undefined);
  const microsoft = useRef<MicrosoftSignIn | undefined>(undefined);
  const [download, setDownload] = useState<ReportDownload>();
  const languageRef = useRef(language);
  languageRef.current = language;
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
  const t = (key: PaneStringKey, params: Record<string, string | number> = {}) => paneText(language, key, params);
  const templateLabels = (keys: readonly TemplateKey[]) => keys.map((key) => templateDefinition(key).label[language]).join(', ');

  async function act(progress: string, body: () => Promise<Notice | undefined>, describe = (error: unknown) => errorText(error, language)): Promise<void> {
    setBusy(progress);
    setNotice(undefined);
    try {
      setNotice(await body());
    } catch (error) {
      setNotice({ tone: 'error', text: describe(error) });
    } finally {
      setBusy(undefined);
    }
  }

  // Samla's own failures in the pane's words; MSAL's errors (consent, popup blocked) say best what they are.
  const signInFailed = (error: unknown) =>
    t('errorSignIn', {
      message: error instanceof ApiError || error instanceof NetworkError || !(error instanceof Error) ? errorText(error, language) : error.message,
    });

  async function completeSignIn(newToken: string): Promise<undefined> {
    token.current = newToken;
    const who = await api.me();
    setMe(who);
    if (who.board) setBoard(who.board);
    return undefined;
  }

  const devSignIn = (role: Role, devBoard: BoardCode | undefined) =>
    act(t('signingIn'), async () => completeSignIn(await api.devToken(role, devBoard)), signInFailed);
  const microsoftSignIn = () =>
    act(
      t('signingIn'),
      async () => {
        microsoft.current ??= new MicrosoftSignIn(
          { clientId: BUILD_SETTINGS.authClientId, scope: BUILD_SETTINGS.authScope, tenantId: BUILD_SETTINGS.authTenantId },
          new URL('auth-dialog.html', window.location.href).href,
        );
        return completeSignIn(await microsoft.current.signIn());
      },
      signInFailed,
    );

  function signOut(): void {
    token.current = undefined;
    microsoft.current = undefined;
    setMe(undefined);
    setHistory(undefined);
    setResults([]);
  }

  const createTemplates = () =>
    act(t('busy'), async () => {
      const result = await port.ensureTemplates();
      const parts = [
        result.created.length > 0 ? t('templatesCreated', { list: templateLabels(result.created) }) : '',
        result.found.length > 0 ? t('templatesFound', { list: templateLabels(result.found) }) : '',
        result.upgraded?.length ? t('templatesUpgraded', { list: templateLabels(result.upgraded) }) : '',
        ...(result.foreign ?? []).map((sheet) => t('templatesForeign', { sheet: sheet.sheet, template: templateLabels([sheet.template]) })),
      ];
      if (result.foreign?.length) return { tone: 'error', text: parts.filter(Boolean).join(' ') };
      return { tone: 'success', text: parts.filter(Boolean).join(' ') };
    });

  /** Kontrollera, also the first step of Skicka in: read, validate, mark and list; undefined without templates. */
  async function checkNow(): Promise<WorkbookCheck | undefined> {
    setResults([]);
    const outcome = await checkWorkbook(port, year, language);
    setIssues(outcome.issues);
    return outcome.templates.length > 0 ? outcome : undefined;
  }
  const summary = (outcome: WorkbookCheck) => t('checkSummary', { errors: outcome.errors, warnings: outcome.warnings });

  const check = () =>
    act(t('checking'), async () => {
      const outcome = await checkNow();
      if (!outcome) return { tone: 'error', text: t('noTemplates') };
      if (outcome.issues.length === 0) return { tone: 'success', text: t('checkClean') };
      return { tone: outcome.errors > 0 ? 'error' : 'info', text: summary(outcome) };
    });

  const submit = () =>
    act(t('checking'), async () => {
      const outcome = await checkNow();
      if (!outcome) return { tone: 'error', text: t('noTemplates') };
      if (outcome.errors > 0) return { tone: 'error', text: `${t('submitBlocked')} ${summary(outcome)}` };
      const lines: string[] = [];
      const rejected: Issue[] = [];
      for (const [index, templateCheck] of outcome.templates.entries()) {
        const label = templateDefinition(templateCheck.snapshot.template).label[language];
        setBusy(t('submitting', { template: label, n: index + 1, total: outcome.templates.length }));
        try {
          const stored = await api.submit(submissionBody(templateCheck, board, year), newIdempotencyKey());
          lines.push(t('submitStored', { template: label, version: stored.version, rows: stored.rows, warnings: stored.warnings.length }));
        } catch (error) {
          if (!(error instanceof ApiError && error.status === 422 && error.problem.errors)) throw error;
          rejected.push(...issuesAtUserCells(error.problem.errors, templateCheck));
          lines.push(t('submitRejected', { template: label }));
        }
      }
      setResults(lines);
      if (rejected.length === 0) return { tone: 'success', text: t('submitDone') };
      setIssues(rejected);
      await port.markCells(issueMarks(rejected));
      return { tone: 'error', text: lines.join(' ') };
    });

  const clearMarks = () =>
    act(t('busy'), async () => {
      await port.clearMarks();
      setIssues([]);
      return { tone: 'success', text: t('marksCleared') };
    });

  const loadHistory = () =>
    act(t('busy'), async () => {
      const entries = await Promise.all(TEMPLATE_KEYS.map((template) => api.history(board, year, template)));
      const byTemplate = {} as Record<TemplateKey, ReportSubmission[]>;
      TEMPLATE_KEYS.forEach((template, index) => {
        byTemplate[template] = entries[index] ?? [];
      });
      setHistory(byTemplate);
      return undefined;
    });

  const fetchReport = (kind: ReportKind, label: string) =>
    act(t('reportFetching', { report: label }), async () => {
      const report = await api.report(kind, year);
      if ((await port.openWorkbook(base64FromBytes(report.bytes), report.fileName)) === 'download') {
        if (download) URL.revokeObjectURL(download.url);
        const blob = new Blob([report.bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
        setDownload({ url: URL.createObjectURL(blob), fileName: report.fileName });
        return { tone: 'info', text: t('reportTooLarge', { report: label }) };
      }
      return { tone: 'success', text: t(preview ? 'reportDownloaded' : 'reportOpened', { report: label }) };
    });

  const goTo = (issue: Issue) =>
    port.selectCell(issue.sheet, addressInSheet(issue.cell)).catch((error: unknown) => setNotice({ tone: 'error', text: errorText(error, language) }));

  const readsEverything = me?.role === 'coordinator' || me?.role === 'finance';
  return (
    <FluentProvider theme={webLightTheme} lang={language}>
      <main className="samla-pane" aria-busy={busy !== undefined}>
        <header className="samla-header">
          <h1>{t('paneTitle')}</h1>
          <Button size="small" aria-label={t('languageSwitchLabel')} onClick={() => setLanguage(language === 'sv' ? 'en' : 'sv')}>
            {t('languageSwitch')}
          </Button>
        </header>
        <div role="status" aria-live="polite" className="samla-status">
          {busy && <Spinner size="tiny" label={busy} />}
          {notice && (
            <MessageBar
              intent={notice.tone === 'error' ? 'error' : notice.tone === 'success' ? 'success' : 'info'}
              className="samla-notice"
              data-tone={notice.tone}
            >
              <MessageBarBody>{notice.text}</MessageBarBody>
            </MessageBar>
          )}
          {results.length > 0 && (
            <ul className="samla-results">
              {results.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
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
          <SignInPanel language={language} mode={signIn} busy={busy !== undefined} onDevSignIn={devSignIn} onMicrosoftSignIn={microsoftSignIn} />
        )}
        <section aria-labelledby="samla-work-heading">
          <h2 id="samla-work-heading">{t('workHeading')}</h2>
          <BoardSelect id="samla-board" label={t('boardLabel')} value={board} disabled={me?.role === 'staff'} onChange={setBoard} />
          <Field label={t('yearLabel')}>
            <Select id="samla-year" value={String(year)} onChange={(_event, data) => setYear(Number(data.value))}>
              {initiativeYears(LUJ_INITIATIVE).map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </Select>
          </Field>
          <div className="samla-actions">
            <Button disabled={busy !== undefined} onClick={createTemplates}>
              {t('createTemplates')}
            </Button>
            <Button disabled={busy !== undefined} onClick={check}>
              {t('check')}
            </Button>
            <Button disabled={busy !== undefined} onClick={clearMarks}>
              {t('clearMarks')}
            </Button>
            {me?.role === 'staff' && (
              <Button appearance="primary" disabled={busy !== undefined} onClick={submit} aria-description={boardByCode(board).name}>
                {t('submit')}
              </Button>
            )}
          </div>
        </section>
        <IssueList language={language} issues={issues} onGoTo={goTo} />
        {me && (
          <section aria-labelledby="samla-history-heading">
            <h2 id="samla-history-heading">{t('historyHeading')}</h2>
            <Button disabled={busy !== undefined} onClick={loadHistory}>
              {t('historyLoad')}
            </Button>
            {history && <HistoryTable language={language} history={history} />}
          </section>
        )}
        {readsEverything && (
          <section aria-labelledby="samla-reports-heading">
            <h2 id="samla-reports-heading">{t('reportsHeading')}</h2>
            <div className="samla-actions">
              {REPORTS.map(({ kind, label }) => (
                <Button key={kind} disabled={busy !== undefined} onClick={() => fetchReport(kind, t(label))}>
                  {t(label)}
                </Button>
              ))}
            </div>
            {download && (
              <a href={download.url} download={download.fileName} className="samla-download">
                {t('reportDownload', { file: download.fileName })}
              </a>
            )}
          </section>
        )}
      </main>
    </FluentProvider>
  );
}
