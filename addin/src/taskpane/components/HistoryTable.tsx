import { TEMPLATE_KEYS, templateDefinition, type Language, type ReportSubmission, type TemplateKey } from '@samla/shared';
import { paneText } from '../i18n/pane-strings';

interface HistoryTableProps {
  readonly language: Language;
  readonly history: Readonly<Record<TemplateKey, readonly ReportSubmission[]>>;
}

/** The board's versions of each template, newest first. */
export function HistoryTable({ language, history }: HistoryTableProps) {
  const t = (key: Parameters<typeof paneText>[1], params = {}) => paneText(language, key, params);
  const when = new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  return (
    <>
      {TEMPLATE_KEYS.map((template) => {
        const label = templateDefinition(template).label[language];
        const versions = history[template];
        if (versions.length === 0) return <p key={template}>{t('historyEmpty', { template: label })}</p>;
        return (
          <table key={template} className="samla-history">
            <caption>{label}</caption>
            <thead>
              <tr>
                <th scope="col">{t('historyVersion')}</th>
                <th scope="col">{t('historyWhen')}</th>
                <th scope="col">{t('historyBy')}</th>
                <th scope="col">{t('historyRows')}</th>
                <th scope="col">{t('historyWarnings')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((entry) => (
                <tr key={entry.version}>
                  <td>{entry.version}</td>
                  <td>{when.format(new Date(entry.submittedAt))}</td>
                  <td>{entry.submittedBy}</td>
                  <td>{entry.rowCount}</td>
                  <td>{entry.warningCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </>
  );
}
