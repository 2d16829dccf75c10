import type { Language, ReportKind, Year } from '@samla/shared';
import { Button } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { base64FromBytes, type SamlaApi } from '../api/samla-api';
import type { WorkbookPort } from '../excel/workbook-port';
import type { PaneStringKey } from '../i18n/pane-strings';
import { translator } from './pane-props';
import type { PaneWork } from './pane-work';

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

/** The consolidated workbooks: fetched with the long time limit and a cancel button, opened in Excel (downloaded in the preview). */
export function ReportButtons({ language, api, year, work, port, preview, kinds = ['status', 'final', 'financial'] }: ReportButtonsProps) {
  const t = translator(language);
  // A report too large for Excel.createWorkbook (the 5 MB request limit) is offered as a file instead.
  const [download, setDownload] = useState<{ url: string; fileName: string }>();
  useEffect(() => () => (download ? URL.revokeObjectURL(download.url) : undefined), [download]);
  const fetchReport = (kind: ReportKind, label: string) =>
    work.run(t('reportFetching', { report: label }), async (signal) => {
      const report = await api.report(kind, year, { signal });
      if ((await port.openWorkbook(base64FromBytes(report.bytes), report.fileName)) === 'download') {
        const blob = new Blob([report.bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
        setDownload({ url: URL.createObjectURL(blob), fileName: report.fileName });
        return { tone: 'info', text: t('reportTooLarge', { report: label }) };
      }
      return { tone: 'success', text: t(preview ? 'reportDownloaded' : 'reportOpened', { report: label }) };
    });
  // The draft report to the ministry (status and final): a Word document is never opened by Excel, always offered as a file.
  const fetchDraft = (kind: ReportKind, label: string) =>
    work.run(t('reportFetching', { report: t('reportDraft', { report: label }) }), async (signal) => {
      const draft = await api.report(kind, year, { signal, format: 'docx' });
      const blob = new Blob([draft.bytes], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
      setDownload({ url: URL.createObjectURL(blob), fileName: draft.fileName });
      return { tone: 'success', text: t('reportDraftReady', { report: label }) };
    });
  return (
    <section aria-labelledby="samla-reports-heading">
      <h2 id="samla-reports-heading">{t('reportsHeading')}</h2>
      <div className="samla-actions">
        {REPORTS.filter(({ kind }) => kinds.includes(kind)).map(({ kind, label }) => (
          <Button key={kind} disabled={work.busy !== undefined} onClick={() => fetchReport(kind, t(label))}>
            {t(label)}
          </Button>
        ))}
        {REPORTS.filter(({ kind }) => kinds.includes(kind) && kind !== 'financial').map(({ kind, label }) => (
          <Button key={`${kind}-docx`} disabled={work.busy !== undefined} onClick={() => fetchDraft(kind, t(label))}>
            {t('reportDraft', { report: t(label) })}
          </Button>
        ))}
      </div>
      {download && (
        <a href={download.url} download={download.fileName} className="samla-download">
          {t('reportDownload', { file: download.fileName })}
        </a>
      )}
    </section>
  );
}
