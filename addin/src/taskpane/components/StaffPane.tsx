import { TEMPLATE_KEYS, boardByCode, templateDefinition, type BoardCode, type Issue, type RoundEntry, type TemplateKey } from '@samla/shared';
import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { ApiError, type Me, type SheetsBody, type SubmissionVersionAnswer } from '../api/samla-api';
import { checkWorkbook, issueMarks, issuesAtUserCells, type WorkbookCheck } from '../checking/workbook-check';
import { addressInSheet } from '../excel/workbook-port';
import { countOf } from '../views/plurals';
import { sameRows, type LoadedVersion } from '../views/loaded-version';
import { isFarFewer } from '../views/replacement';
import { formatInstant } from '../views/initiative-view';
import { BoardSelect } from './BoardSelect';
import { errorText, isMissingRoute, isRetryable } from './error-text';
import { HistoryTable } from './HistoryTable';
import { IssueList } from './IssueList';
import { translator, type RolePaneProps } from './pane-props';
import type { Notice } from './pane-work';
import { StaffRound, cellOfComment } from './StaffRound';
import { VersionView, type OpenedVersion } from './VersionView';

type StaffPaneProps = Omit<RolePaneProps, 'me'> & { readonly me?: Me };

/** What a submission would replace, for the confirmation before far fewer rows replace a current version. */
interface Replacement {
  readonly template: TemplateKey;
  readonly version: number;
  readonly rows: number;
  readonly by: string;
  readonly at: string;
  readonly newRows: number;
}

function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/**
 * Board staff's pane: the templates in the workbook (create, check, submit both as one step), the round's state for
 * their board (returned with comments at cells, accepted and closed), and every version sent. Before sign-in only the
 * workbook tools show.
 */
export function StaffPane({ api, language, me, initiative, year, work, port }: StaffPaneProps) {
  const t = translator(language);
  const [board, setBoard] = useState<BoardCode>(me?.board ?? 'I');
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const [round, setRound] = useState<readonly RoundEntry[]>();
  const [roundProblem, setRoundProblem] = useState<string>();
  const [history, setHistory] = useState<Record<TemplateKey, SubmissionVersionAnswer[]>>();
  const [opened, setOpened] = useState<OpenedVersion>();
  const [loaded, setLoaded] = useState<LoadedVersion>();
  const [replacing, setReplacing] = useState<{ lines: Replacement[]; send: () => void }>();
  const issuesHeading = useRef<HTMLHeadingElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const versionHeading = useRef<HTMLHeadingElement>(null);
  const templateLabel = (key: TemplateKey) => templateDefinition(key).label[language];
  const templateLabels = (keys: readonly TemplateKey[]) => keys.map(templateLabel).join(', ');

  async function loadRound(signal?: AbortSignal): Promise<void> {
    if (!me) return;
    try {
      const answer = await api.round(year, signal ? { signal } : {});
      setRound(answer.entries.filter((entry) => entry.board === board));
      setRoundProblem(undefined);
    } catch (error) {
      setRound(undefined);
      setRoundProblem(isMissingRoute(error) ? t('errorMissingRoute', { what: t('routeRound'), status: error.status }) : errorText(error, language));
    }
  }

  useEffect(() => {
    const controller = new AbortController();
    setHistory(undefined);
    setOpened(undefined);
    setLoaded(undefined);
    void loadRound(controller.signal);
    return () => controller.abort();
  }, [year, board, me]);

  const accepted = round?.filter((entry) => entry.state === 'accepted') ?? [];
  const returnedCells = (round ?? []).flatMap((entry) =>
    entry.state === 'returned' ? entry.cells.map((comment) => ({ template: entry.template, comment, ...cellOfComment(entry.template, comment) })) : [],
  );

  useEffect(() => {
    if (returnedCells.length > 0)
      void port.markCells(returnedCells.map((cell) => ({ sheet: cell.sheet, address: cell.address, severity: 'warning' as const }))).catch(() => undefined);
  }, [round]);

  const createTemplates = () =>
    work.run(t('busy'), async () => {
      const result = await port.ensureTemplates();
      const parts = [
        result.created.length > 0 ? t('templatesCreated', { list: templateLabels(result.created) }) : '',
        result.found.length > 0 ? t('templatesFound', { list: templateLabels(result.found) }) : '',
        result.upgraded?.length ? t('templatesUpgraded', { list: templateLabels(result.upgraded) }) : '',
        ...(result.foreign ?? []).map((sheet) => {
          const values = { sheet: sheet.sheet, template: templateLabels([sheet.template]) };
          if (sheet.newer !== undefined) return t('templatesNewer', { ...values, version: String(sheet.newer) });
          if (sheet.unmappable !== undefined) return t('templatesUnmappable', { ...values, version: String(sheet.unmappable) });
          return t('templatesForeign', values);
        }),
      ];
      return { tone: result.foreign?.length ? 'error' : 'success', text: parts.filter(Boolean).join(' ') };
    });

  /** Removes Samla's own marks (never the user's fills), with one button. */
  const clearMarks = () =>
    work.run(t('busy'), async () => {
      await port.clearMarks();
      setIssues([]);
      return { tone: 'success', text: t('marksCleared') };
    });

  /** Kontrollera, also the first step of Skicka in: read, validate, mark and list; undefined without templates. */
  async function checkNow(): Promise<WorkbookCheck | undefined> {
    const outcome = await checkWorkbook(port, year, language, initiative.settings);
    setIssues(outcome.issues);
    if (outcome.issues.length > 0) setTimeout(() => issuesHeading.current?.focus(), 0);
    return outcome.templates.length > 0 ? outcome : undefined;
  }
  const summary = (outcome: WorkbookCheck) => `${countOf(language, outcome.errors, 'error')}, ${countOf(language, outcome.warnings, 'warning')}.`;

  const check = () =>
    work.run(t('checking'), async () => {
      const outcome = await checkNow();
      if (!outcome) return { tone: 'error', text: t('noTemplates') };
      if (outcome.issues.length === 0) return { tone: 'success', text: t('checkClean') };
      return { tone: outcome.errors > 0 ? 'error' : 'info', text: summary(outcome) };
    });

  /** What the current versions are, from the round or (where the server lacks it) from the history. */
  async function currentVersions(signal: AbortSignal): Promise<Partial<Record<TemplateKey, { version: number; rows: number; by: string; at: string }>>> {
    const result: Partial<Record<TemplateKey, { version: number; rows: number; by: string; at: string }>> = {};
    for (const template of TEMPLATE_KEYS) {
      const entry = round?.find((candidate) => candidate.template === template);
      if (entry?.version !== undefined && entry.summary) {
        result[template] = { version: entry.version, rows: entry.summary.rows, by: entry.submittedBy ?? '', at: entry.submittedAt ?? '' };
        continue;
      }
      const versions = await api.history(board, year, template, { signal });
      const latest = versions.reduce<SubmissionVersionAnswer | undefined>(
        (best, version) => (!best || version.version > best.version ? version : best),
        undefined,
      );
      if (latest) result[template] = { version: latest.version, rows: latest.rowCount, by: latest.submittedBy, at: latest.submittedAt };
    }
    return result;
  }

  /** Sends both templates as one request; a retry after a lost answer sends the same body with the same key. */
  function sendSheets(body: SheetsBody, key: string, outcome: WorkbookCheck): Promise<void> {
    return work.run(
      t('submitSheets'),
      async (signal): Promise<Notice> => {
        const answer = await api.submitSheets(body, key, { signal });
        const details = answer.receipts.map((receipt) =>
          receipt.unchanged
            ? t('submitUnchanged', { template: templateLabel(receipt.template), version: receipt.version })
            : loaded?.template === receipt.template &&
                loaded.version !== receipt.version &&
                sameRows(receipt.template, body.sheets[receipt.template], loaded.rows)
              ? t('submitSameAsLoaded', { template: templateLabel(receipt.template), loaded: loaded.version, version: receipt.version })
              : t('submitStoredSheet', {
                  template: templateLabel(receipt.template),
                  version: receipt.version,
                  rows: countOf(language, receipt.rows, 'row'),
                  warnings: countOf(language, receipt.warnings.length, 'warning'),
                }),
        );
        void loadRound();
        if (history) void refreshHistory();
        return { tone: 'success', text: t('submitDone'), details };
      },
      (error) => {
        if (error instanceof ApiError && error.status === 422 && error.problem.errors) {
          const rejected = outcome.templates.flatMap((check) =>
            issuesAtUserCells(
              (error.problem.errors ?? []).filter((issue) => issue.sheet === templateDefinition(check.snapshot.template).sheetName),
              check,
            ),
          );
          setIssues(rejected);
          void port.markCells(issueMarks(rejected)).catch(() => undefined);
          return { tone: 'error', text: `${errorText(error, language)} ${t('submitBlocked')}` };
        }
        if (isMissingRoute(error) || (error instanceof ApiError && error.status === 400 && !error.problem.errors)) {
          return { tone: 'error', text: `${errorText(error, language)} ${t('errorMissingRoute', { what: t('routeSheets'), status: error.status })}` };
        }
        const text = errorText(error, language);
        if (!isRetryable(error)) return text;
        return { tone: 'error', text: `${text} ${t('submitRetryNote')}`, action: { label: t('retry'), run: () => void sendSheets(body, key, outcome) } };
      },
    );
  }

  const submit = () =>
    work.run(t('checking'), async (signal) => {
      const outcome = await checkNow();
      if (!outcome) return { tone: 'error', text: t('noTemplates') };
      if (outcome.errors > 0) return { tone: 'error', text: `${t('submitBlocked')} ${summary(outcome)}` };
      const rowsOf = (template: TemplateKey) =>
        outcome.templates.find((check) => check.snapshot.template === template)?.validation.rows.map((row) => row.values) ?? [];
      const body: SheetsBody = { board, year, sheets: { activities: rowsOf('activities'), expenses: rowsOf('expenses') } };
      const current = await currentVersions(signal);
      const lines = TEMPLATE_KEYS.flatMap((template): Replacement[] => {
        const now = current[template];
        const newRows = body.sheets[template].length;
        return now && isFarFewer(now.rows, newRows) ? [{ template, version: now.version, rows: now.rows, by: now.by, at: now.at, newRows }] : [];
      });
      const key = newIdempotencyKey();
      if (lines.length > 0) {
        setReplacing({ lines, send: () => void sendSheets(body, key, outcome) });
        setTimeout(() => confirmButton.current?.focus(), 0);
        return undefined;
      }
      setTimeout(() => void sendSheets(body, key, outcome), 0);
      return undefined;
    });

  /** The history as shown, fetched again after a submission (quietly: the submission's notice stays). */
  async function refreshHistory(): Promise<void> {
    try {
      const entries = await Promise.all(TEMPLATE_KEYS.map((template) => api.history(board, year, template)));
      setHistory({ activities: entries[0] ?? [], expenses: entries[1] ?? [] });
    } catch {
      // The history shown stays as it was; Visa historik fetches it again and says what went wrong.
    }
  }

  const loadHistory = () =>
    work.run(t('busy'), async (signal) => {
      const entries = await Promise.all(TEMPLATE_KEYS.map((template) => api.history(board, year, template, { signal })));
      setHistory({ activities: entries[0] ?? [], expenses: entries[1] ?? [] });
      return undefined;
    });

  const openVersion = (template: TemplateKey, version: number) =>
    work.run(t('busy'), async (signal) => {
      try {
        const answer = await api.version(board, year, template, version, { signal });
        setOpened({ board, year, template, answer });
        setTimeout(() => versionHeading.current?.focus(), 0);
        return undefined;
      } catch (error) {
        if (isMissingRoute(error)) return { tone: 'info', text: t('errorMissingRoute', { what: t('routeVersion'), status: error.status }) };
        throw error;
      }
    });

  const goTo = (issue: Issue) =>
    port.selectCell(issue.sheet, addressInSheet(issue.cell)).catch((error: unknown) => work.setNotice({ tone: 'error', text: errorText(error, language) }));

  const busy = work.busy !== undefined;
  // Submitting closes when every template is accepted; with some accepted, the others can still be sent (the server
  // leaves an accepted template sent exactly as accepted unchanged, and refuses a changed one in words).
  const acceptedLabels = templateLabels(accepted.map((entry) => entry.template));
  const allAccepted = accepted.length > 0 && TEMPLATE_KEYS.every((template) => accepted.some((entry) => entry.template === template));
  const closedBecause = allAccepted ? t('submitClosedAccepted', { template: acceptedLabels }) : undefined;
  const partlyAccepted = !allAccepted && accepted.length > 0 ? t('submitPartlyAccepted', { template: acceptedLabels }) : undefined;
  return (
    <>
      {me && (
        <StaffRound
          language={language}
          year={year}
          entries={round}
          problem={roundProblem}
          cells={returnedCells}
          onGoTo={(sheet, address) => void port.selectCell(sheet, address).catch(() => undefined)}
        />
      )}
      <section aria-labelledby="samla-work-heading">
        <h2 id="samla-work-heading">{t('workHeading')}</h2>
        <BoardSelect id="samla-board" label={t('boardLabel')} value={board} disabled={me?.role === 'staff'} onChange={setBoard} />
        <div className="samla-actions">
          <Button disabled={busy} onClick={createTemplates}>
            {t('createTemplates')}
          </Button>
          <Button disabled={busy} onClick={check}>
            {t('check')}
          </Button>
          <Button disabled={busy} onClick={clearMarks}>
            {t('clearMarks')}
          </Button>
          {me && (
            <Button
              appearance="primary"
              disabled={busy || closedBecause !== undefined}
              onClick={submit}
              aria-description={closedBecause ?? boardByCode(board).name}
            >
              {t('submit')}
            </Button>
          )}
        </div>
        {closedBecause && <p className="samla-closed">{closedBecause}</p>}
        {partlyAccepted && <p className="samla-closed">{partlyAccepted}</p>}
        {replacing && (
          <MessageBar intent="warning" className="samla-replace" layout="multiline">
            <MessageBarBody>
              <strong>{t('replaceHeading')}</strong>
              <ul>
                {replacing.lines.map((line) => (
                  <li key={line.template}>
                    {t('replaceLine', {
                      template: templateLabel(line.template),
                      version: line.version,
                      rows: countOf(language, line.rows, 'row'),
                      by: line.by,
                      when: formatInstant(line.at, language),
                      newRows: countOf(language, line.newRows, 'row'),
                    })}
                  </li>
                ))}
              </ul>
              <div className="samla-actions">
                <Button
                  ref={confirmButton}
                  appearance="primary"
                  onClick={() => {
                    replacing.send();
                    setReplacing(undefined);
                  }}
                >
                  {t('replaceConfirm')}
                </Button>
                <Button onClick={() => setReplacing(undefined)}>{t('cancel')}</Button>
              </div>
            </MessageBarBody>
          </MessageBar>
        )}
      </section>
      <IssueList language={language} issues={issues} onGoTo={goTo} headingRef={issuesHeading} />
      {me && (
        <section aria-labelledby="samla-history-heading">
          <h2 id="samla-history-heading">{t('historyHeading')}</h2>
          <Button disabled={busy} onClick={loadHistory}>
            {t('historyLoad')}
          </Button>
          {history && <HistoryTable language={language} history={history} onOpen={openVersion} />}
          {opened && (
            <VersionView
              language={language}
              opened={opened}
              headingRef={versionHeading}
              onClose={() => setOpened(undefined)}
              port={port}
              work={work}
              onLoaded={(version) => {
                // The issues listed were found in the rows now replaced.
                setIssues([]);
                setLoaded(version);
              }}
            />
          )}
        </section>
      )}
    </>
  );
}
