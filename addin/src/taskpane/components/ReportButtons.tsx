import type { Language, ReportKind, Year } from '@samla/shared';
import { Button } from '@fluentui/react-components';
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
  const fetchReport = (kind: ReportKind, label: string) =>
    work.run(t('reportFetching', { report: label }), async (signal) => {
      const report = await api.report(kind, year, { signal });
      await port.openWorkbook(base64FromBytes(report.bytes), report.fileName);
      return { tone: 'success', text: t(preview ? 'reportDownloaded' : 'reportOpened', { report: label }) };
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
      </div>
    </section>
  );
}
