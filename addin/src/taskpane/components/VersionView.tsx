import { YES_NO, templateDefinition, type BoardCode, type Language, type TemplateKey, type Year } from '@samla/shared';
import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useRef, useState, type RefObject } from 'react';
import type { VersionAnswer } from '../api/samla-api';
import type { WorkbookPort } from '../excel/workbook-port';
import { formatInstant } from '../views/initiative-view';
import { filledRowCount, type LoadedVersion } from '../views/loaded-version';
import { countOf } from '../views/plurals';
import { formatAmount } from '../views/swedish-numbers';
import { translator } from './pane-props';
import type { PaneWork } from './pane-work';

export interface OpenedVersion {
  readonly board: BoardCode;
  readonly year: Year;
  readonly template: TemplateKey;
  readonly answer: VersionAnswer;
}

/** A stored value as text for a read-only cell: list keys shown by their label, dates as ISO, yes/no in words. */
export function cellText(template: TemplateKey, column: string, value: unknown, language: Language): string {
  if (value === undefined || value === null) return '';
  const definition = templateDefinition(template).columns.find((candidate) => candidate.key === column);
  const option = definition?.type === 'list' ? definition.list.options.find((candidate) => candidate.key === value) : undefined;
  if (option) return option.label[language];
  if (typeof value === 'boolean') return YES_NO[value ? 'yes' : 'no'][language];
  if (typeof value === 'number' && definition?.key === 'amount') return formatAmount(value, language);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

interface VersionViewProps {
  readonly language: Language;
  readonly opened: OpenedVersion;
  readonly headingRef?: RefObject<HTMLHeadingElement | null>;
  readonly onClose?: () => void;
  /** Loading the version back into the workbook: offered when both are given. */
  readonly port?: WorkbookPort;
  readonly work?: PaneWork;
  /** Told after the rows are in the workbook, so that a resubmission of them can be named for what it is. */
  readonly onLoaded?: (loaded: LoadedVersion) => void;
}

/** One stored version, read-only: who and when to the second, its rows under the template's headers, its warnings. */
export function VersionView({ language, opened, headingRef, onClose, port, work, onLoaded }: VersionViewProps) {
  const t = translator(language);
  const definition = templateDefinition(opened.template);
  const { version, rows, warnings, events } = opened.answer;
  const template = definition.label[language];
  /** The rows the workbook's table holds now, while the user is asked whether to replace them. */
  const [confirming, setConfirming] = useState<number>();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const busy = work?.busy !== undefined;

  /** Counts what would be replaced, then asks (the confirmation names the table and both counts). */
  const askToLoad = () =>
    work?.run(t('busy'), async () => {
      const snapshot = port ? (await port.readTemplates()).find((candidate) => candidate.template === opened.template) : undefined;
      setConfirming(snapshot ? filledRowCount(snapshot.values) : 0);
      setTimeout(() => confirmButton.current?.focus(), 0);
      return undefined;
    });

  /** Makes the templates where they are missing, and writes the version's rows in place of the table's. */
  const load = () => {
    setConfirming(undefined);
    return work?.run(t('versionLoading', { version: version.version, template }), async () => {
      if (!port) return undefined;
      await port.ensureTemplates();
      const written = await port.writeRows(opened.template, rows);
      onLoaded?.({ template: opened.template, version: version.version, rows });
      return {
        tone: 'success',
        text: t('versionLoaded', {
          version: version.version,
          template,
          sheet: written.sheet,
          rows: countOf(language, written.written, 'row'),
          replaced: countOf(language, written.replaced, 'row'),
        }),
      };
    });
  };
  return (
    <section aria-labelledby="samla-version-heading" className="samla-version">
      <h3 id="samla-version-heading" ref={headingRef} tabIndex={-1}>
        {t('versionHeading', { template: definition.label[language], version: version.version })}
      </h3>
      <p>
        {t('versionMeta', {
          when: formatInstant(version.submittedAt, language),
          by: version.submittedBy,
          rows: countOf(language, version.rowCount, 'row'),
          warnings: countOf(language, version.warningCount, 'warning'),
        })}
      </p>
      <div className="samla-scroll" tabIndex={0} role="region" aria-label={t('versionRows')}>
        <table className="samla-rows">
          <thead>
            <tr>
              {definition.columns.map((column) => (
                <th key={column.key} scope="col">
                  {column.label[language]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                {definition.columns.map((column) => (
                  <td key={column.key}>{cellText(opened.template, column.key, row[column.key], language)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>{t('versionWarnings')}</h4>
      {warnings.length === 0 ? (
        <p>{t('versionNoWarnings')}</p>
      ) : (
        <ul>
          {warnings.map((warning, index) => (
            <li key={`${warning.cell}-${index}`}>{warning.message}</li>
          ))}
        </ul>
      )}
      {events && events.length > 0 && (
        <>
          <h4>{t('versionEvents')}</h4>
          <ul>
            {events.map((event, index) => (
              <li key={index}>
                {formatInstant(event.at, language)} {event.by}: {t(`event${event.kind.charAt(0).toUpperCase()}${event.kind.slice(1)}` as 'eventSubmitted')}
                {event.comment ? ` — ${event.comment}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {confirming !== undefined && (
        <MessageBar intent="warning" className="samla-replace samla-load-confirm" layout="multiline">
          <MessageBarBody>
            <strong>{t('versionLoadHeading', { version: version.version, template })}</strong>
            <p>
              {t('versionLoadReplaces', {
                template,
                current: countOf(language, confirming, 'row'),
                version: version.version,
                rows: countOf(language, rows.length, 'row'),
              })}
            </p>
            <div className="samla-actions">
              <Button ref={confirmButton} appearance="primary" disabled={busy} onClick={() => void load()}>
                {t('versionLoadConfirm')}
              </Button>
              <Button onClick={() => setConfirming(undefined)}>{t('cancel')}</Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      <div className="samla-actions">
        {port && work && (
          <Button disabled={busy || confirming !== undefined} onClick={() => void askToLoad()}>
            {t('versionLoad', { version: version.version })}
          </Button>
        )}
        {onClose && <Button onClick={onClose}>{t('close')}</Button>}
      </div>
    </section>
  );
}
