import {
  commentColumn,
  templateColumnLetters,
  templateDefinition,
  type CellComment,
  type Language,
  type RoundEntry,
  type TemplateKey,
  type Year,
} from '@samla/shared';
import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { formatInstant } from '../views/initiative-view';
import { translator } from './pane-props';

/** A coordinator's cell comment at its cell: the template's own layout (columns in definition order from A). */
export function cellOfComment(template: TemplateKey, comment: CellComment): { sheet: string; address: string; cell: string } {
  const definition = templateDefinition(template);
  const key = commentColumn(definition, comment.column)?.key ?? '';
  const address = `${templateColumnLetters(definition, key) ?? 'A'}${comment.row}`;
  return { sheet: definition.sheetName, address, cell: `${definition.sheetName}!${address}` };
}

export interface ReturnedCell {
  readonly template: TemplateKey;
  readonly comment: CellComment;
  readonly sheet: string;
  readonly address: string;
  readonly cell: string;
}

interface StaffRoundProps {
  readonly language: Language;
  readonly year: Year;
  readonly entries: readonly RoundEntry[] | undefined;
  readonly problem: string | undefined;
  readonly cells: readonly ReturnedCell[];
  readonly onGoTo: (sheet: string, address: string) => void;
}

/** The board's round as staff see it on sign-in: returned (with the comment and the comments at cells), accepted, or waiting. */
export function StaffRound({ language, year, entries, problem, cells, onGoTo }: StaffRoundProps) {
  const t = translator(language);
  const label = (template: TemplateKey) => templateDefinition(template).label[language];
  return (
    <section aria-labelledby="samla-round-heading" className="samla-round">
      <h2 id="samla-round-heading">{t('roundHeading', { year })}</h2>
      {problem && <p className="samla-round-problem">{problem}</p>}
      {entries?.map((entry) => {
        const template = label(entry.template);
        if (entry.state === 'returned') {
          return (
            <MessageBar key={entry.template} intent="warning" layout="multiline" className="samla-returned">
              <MessageBarBody>
                <strong>
                  {t('roundReturned', { template, by: entry.lastEvent?.by ?? '', when: entry.lastEvent ? formatInstant(entry.lastEvent.at, language) : '' })}
                </strong>{' '}
                {entry.lastEvent?.comment && t('roundReturnedComment', { comment: entry.lastEvent.comment })}
              </MessageBarBody>
            </MessageBar>
          );
        }
        const text =
          entry.state === 'accepted'
            ? t('roundAccepted', { template, version: entry.version ?? '' })
            : entry.state === 'missing'
              ? t('roundMissing', { template })
              : entry.nothingToReport
                ? t('roundNothingToReport', { template })
                : t('roundSubmitted', { template, version: entry.version ?? '', when: entry.submittedAt ? formatInstant(entry.submittedAt, language) : '' });
        return (
          <p key={entry.template} data-state={entry.state} className="samla-round-line">
            <span className="samla-state-badge">
              {t(entry.state === 'accepted' ? 'stateAccepted' : entry.state === 'missing' ? 'stateMissing' : 'stateSubmitted')}
            </span>{' '}
            {text}
          </p>
        );
      })}
      {cells.length > 0 && (
        <section aria-labelledby="samla-cell-comments-heading">
          <h3 id="samla-cell-comments-heading">{t('cellCommentsHeading')}</h3>
          <ul className="samla-issue-list">
            {cells.map((cell) => (
              <li key={`${cell.cell}-${cell.comment.comment}`} data-severity="comment">
                <Button appearance="subtle" className="samla-issue" onClick={() => onGoTo(cell.sheet, cell.address)}>
                  {t('cellCommentGoTo', { cell: cell.cell, comment: cell.comment.comment })}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
