import { templateDefinition, type BoardCode, type Language, type TemplateKey, type Year } from '@samla/shared';
import { Button } from '@fluentui/react-components';
import type { RefObject } from 'react';
import type { VersionAnswer } from '../api/samla-api';
import { formatInstant } from '../views/initiative-view';
import { countOf } from '../views/plurals';
import { translator } from './pane-props';

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
  if (typeof value === 'boolean') return language === 'sv' ? (value ? 'Ja' : 'Nej') : value ? 'Yes' : 'No';
  if (typeof value === 'number' && definition?.key === 'amount')
    return new Intl.NumberFormat(language === 'sv' ? 'sv-SE' : 'en-GB', { minimumFractionDigits: 2 }).format(value).replace(/\u2212/g, '-');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

interface VersionViewProps {
  readonly language: Language;
  readonly opened: OpenedVersion;
  readonly headingRef?: RefObject<HTMLHeadingElement | null>;
  readonly onClose?: () => void;
}

/** One stored version, read-only: who and when to the second, its rows under the template's headers, its warnings. */
export function VersionView({ language, opened, headingRef, onClose }: VersionViewProps) {
  const t = translator(language);
  const definition = templateDefinition(opened.template);
  const { version, rows, warnings, events } = opened.answer;
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
      {onClose && <Button onClick={onClose}>{t('close')}</Button>}
    </section>
  );
}
