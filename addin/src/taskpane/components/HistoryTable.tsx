import { TEMPLATE_KEYS, templateDefinition, type Language, type ReportSubmission, type TemplateKey } from '@samla/shared';
import { Button } from '@fluentui/react-components';
import { formatInstant } from '../views/initiative-view';
import { paneText } from '../i18n/pane-strings';

interface HistoryTableProps {
  readonly language: Language;
  readonly history: Readonly<Record<TemplateKey, readonly ReportSubmission[]>>;
  /** Opens one version (its rows, warnings, who and when). */
  readonly onOpen?: (template: TemplateKey, version: number) => void;
}

/** The board's versions of each template, newest first, each one a click from its rows. */
export function HistoryTable({ language, history, onOpen }: HistoryTableProps) {
  const t = (key: Parameters<typeof paneText>[1], params = {}) => paneText(language, key, params);
  return (
    <>
      {TEMPLATE_KEYS.map((template) => {
        const label = templateDefinition(template).label[language];
        const versions = [...history[template]].sort((a, b) => b.version - a.version);
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
                  <td>
                    {onOpen ? (
                      <Button
                        size="small"
                        appearance="subtle"
                        aria-label={t('versionOpen', { version: entry.version, template: label })}
                        onClick={() => onOpen(template, entry.version)}
                      >
                        {entry.version}
                      </Button>
                    ) : (
                      entry.version
                    )}
                  </td>
                  <td>{formatInstant(entry.submittedAt, language)}</td>
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
