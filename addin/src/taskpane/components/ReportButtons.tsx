import type { Language, ReportKind, Year } from '@samla/shared';
import { Button, Spinner } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { CancelledError, base64FromBytes, type SamlaApi } from '../api/samla-api';
import type { WorkbookPort } from '../excel/workbook-port';
import type { PaneStringKey } from '../i18n/pane-strings';
import { errorText } from './error-text';
import { translator } from './pane-props';
import type { Notice, PaneWork } from './pane-work';

const REPORTS: readonly { kind: ReportKind; label: PaneStringKey }[] = [
  { kind: 'status', label: 'reportStatus' },
  { kind: 'final', label: 'reportFinal' },
  { kind: 'financial', label: 'reportFinancial' },
];

interface ReportButtonsProps {
  readonly language: Language;
  readonly api: SamlaApi;
  readonly year: Year;
  readonly work: PaneWork;
  readonly port: WorkbookPort;
  readonly preview: boolean;
  /** The reports this role reads, in order. */
  readonly kinds?: readonly ReportKind[];
}

/** The download under way: which button shows its progress, and its own cancel signal. */
interface Download {
  readonly id: string;
  readonly label: string;
  readonly controller: AbortController;
}

/**
 * The consolidated workbooks: fetched with the long time limit, opened in Excel (downloaded in the preview). A
 * download is its own busy state, apart from the pane's work: its progress shows on its button with a cancel button
 * beside it, and every other control of the pane stays usable while it runs. One report at a time.
 */
export function ReportButtons({ language, api, year, work, port, preview, kinds = ['status', 'final', 'financial'] }: ReportButtonsProps) {
  const t = translator(language);
  // A report too large for Excel.createWorkbook (the 5 MB request limit) is offered as a file instead.
  const [download, setDownload] = useState<{ url: string; fileName: string }>();
  const [running, setRunning] = useState<Download>();
  const current = useRef<Download | undefined>(undefined);
  useEffect(() => () => (download ? URL.revokeObjectURL(download.url) : undefined), [download]);
  useEffect(() => () => current.current?.controller.abort(), []);

  async function fetchOwn(id: string, label: string, body: (signal: AbortSignal) => Promise<Notice>): Promise<void> {
    const own: Download = { id, label, controller: new AbortController() };
    current.current = own;
    setRunning(own);
    // What the last download said (and its file link) is not about this one: the button shows this one's progress.
    work.setNotice(undefined);
    setDownload(undefined);
    try {
      const notice = await body(own.controller.signal);
      if (current.current === own) work.setNotice(notice);
    } catch (error) {
      if (current.current !== own) return;
      const cancelled = error instanceof CancelledError || own.controller.signal.aborted;
      work.setNotice(cancelled ? { tone: 'info', text: t('reportCancelled', { report: label }) } : { tone: 'error', text: errorText(error, language) });
    } finally {
      if (current.current === own) {
        current.current = undefined;
        setRunning(undefined);
      }
    }
  }

  const fetchReport = (kind: ReportKind, label: string) =>
    fetchOwn(kind, label, async (signal) => {
      const report = await api.report(kind, year, { signal });
      if (signal.aborted) throw new CancelledError();
      if ((await port.openWorkbook(base64FromBytes(report.bytes), report.fileName)) === 'download') {
        const blob = new Blob([report.bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
        setDownload({ url: URL.createObjectURL(blob), fileName: report.fileName });
        return { tone: 'info', text: t('reportTooLarge', { report: label }) };
      }
      return { tone: 'success', text: t(preview ? 'reportDownloaded' : 'reportOpened', { report: label }) };
    });
  // The draft report to the ministry (status and final): a Word document is never opened by Excel, always offered as a file.
  const fetchDraft = (kind: ReportKind, label: string) =>
    fetchOwn(`${kind}-docx`, t('reportDraft', { report: label }), async (signal) => {
      const draft = await api.report(kind, year, { signal, format: 'docx' });
      if (signal.aborted) throw new CancelledError();
      const blob = new Blob([draft.bytes], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
      setDownload({ url: URL.createObjectURL(blob), fileName: draft.fileName });
      return { tone: 'success', text: t('reportDraftReady', { report: label }) };
    });

  /** A report's button: while its own download runs, the progress in its label and a cancel button beside it. */
  const reportButton = (id: string, label: string, start: () => Promise<void>) => {
    const mine = running?.id === id;
    return (
      <span key={id} className="samla-report">
        <Button
          disabled={running !== undefined}
          aria-busy={mine}
          icon={mine ? <Spinner size="extra-tiny" /> : undefined}
          data-report={id}
          onClick={() => void start()}
        >
          {mine ? t('reportFetching', { report: label }) : label}
        </Button>
        {mine && (
          <Button size="small" onClick={() => running.controller.abort()}>
            {t('reportCancel')}
          </Button>
        )}
      </span>
    );
  };
  return (
    <section aria-labelledby="samla-reports-heading">
      <h2 id="samla-reports-heading">{t('reportsHeading')}</h2>
      <div className="samla-actions">
        {REPORTS.filter(({ kind }) => kinds.includes(kind)).map(({ kind, label }) => reportButton(kind, t(label), () => fetchReport(kind, t(label))))}
        {REPORTS.filter(({ kind }) => kinds.includes(kind) && kind !== 'financial').map(({ kind, label }) =>
          reportButton(`${kind}-docx`, t('reportDraft', { report: t(label) }), () => fetchDraft(kind, t(label))),
        )}
      </div>
      {download && (
        <a href={download.url} download={download.fileName} className="samla-download">
          {t('reportDownload', { file: download.fileName })}
        </a>
      )}
    </section>
  );
}
