import {
  TEMPLATE_KEYS,
  boardByCode,
  columnLetters,
  templateDefinition,
  type BoardCode,
  type CellComment,
  type RoundEntry,
  type TemplateKey,
} from '@samla/shared';
import { Button, Field, Input, Select, Tab, TabList, Textarea } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { SubmissionVersionAnswer } from '../api/samla-api';
import { countOf } from '../views/plurals';
import { diffVersions, idColumnOf, type VersionDiff } from '../views/version-diff';
import { errorText, isMissingRoute } from './error-text';
import { translator, type RolePaneProps } from './pane-props';
import { cellOfComment } from './StaffRound';
import { VersionView, cellText, type OpenedVersion } from './VersionView';

interface SubmissionViewProps extends RolePaneProps {
  readonly board: BoardCode;
  readonly entries: readonly RoundEntry[];
  readonly onBack: () => void;
  readonly onChanged: () => void;
}

/**
 * One board's submission as a coordinator reviews it: per template its versions, the rows read-only with their
 * warnings, what changed between two versions, and return (with comments at cells), accept or reopen.
 */
export function SubmissionView({ api, language, year, work, board, entries, onBack, onChanged }: SubmissionViewProps) {
  const t = translator(language);
  const [template, setTemplate] = useState<TemplateKey>('activities');
  const [versions, setVersions] = useState<SubmissionVersionAnswer[]>([]);
  const [opened, setOpened] = useState<OpenedVersion>();
  const [problem, setProblem] = useState<string>();
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const [diff, setDiff] = useState<VersionDiff>();
  const [comment, setComment] = useState('');
  const [cells, setCells] = useState<CellComment[]>([]);
  const [cellRow, setCellRow] = useState('2');
  const [cellColumn, setCellColumn] = useState<string>(idColumnOf('activities'));
  const [cellComment, setCellComment] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const entry = entries.find((candidate) => candidate.template === template);
  const definition = templateDefinition(template);
  const label = definition.label[language];
  const boardName = boardByCode(board).name;

  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    const controller = new AbortController();
    setOpened(undefined);
    setDiff(undefined);
    setCells([]);
    setCellColumn(idColumnOf(template));
    void (async () => {
      try {
        const history = (await api.history(board, year, template, { signal: controller.signal })).sort((a, b) => b.version - a.version);
        setVersions(history);
        setTo(history[0]?.version);
        setFrom(history[1]?.version ?? history[0]?.version);
        setProblem(undefined);
        const current = entry?.version ?? history[0]?.version;
        if (current !== undefined) {
          const answer = await api.version(board, year, template, current, { signal: controller.signal });
          setOpened({ board, year, template, answer });
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        setProblem(isMissingRoute(error) ? t('errorMissingRoute', { what: t('routeVersion'), status: error.status }) : errorText(error, language));
      }
    })();
    return () => controller.abort();
  }, [board, year, template]);

  const compare = () =>
    work.run(t('busy'), async (signal) => {
      if (from === undefined || to === undefined) return undefined;
      const [before, after] = await Promise.all([api.version(board, year, template, from, { signal }), api.version(board, year, template, to, { signal })]);
      setDiff(diffVersions(template, before.rows, after.rows));
      return undefined;
    });

  const currentVersion = entry?.version ?? versions[0]?.version;
  const act = (progress: string, run: (signal: AbortSignal) => Promise<void>, done: string) =>
    work.run(progress, async (signal) => {
      await run(signal);
      onChanged();
      return { tone: 'success', text: done };
    });
  const sendReturn = () => {
    if (currentVersion === undefined) return;
    if (!comment.trim()) {
      work.setNotice({ tone: 'error', text: t('returnNeedsComment') });
      document.getElementById('samla-return-comment')?.focus();
      return;
    }
    void act(
      t('busy'),
      (signal) => api.returnVersion(year, board, template, { version: currentVersion, comment: comment.trim(), cells }, { signal }),
      t('returnedDone', { template: label, board: boardName }),
    );
  };
  const addCell = () => {
    const row = Number(cellRow);
    if (!Number.isInteger(row) || row < 2 || !cellComment.trim()) return;
    setCells((current) => [...current, { row, column: cellColumn, comment: cellComment.trim() }]);
    setCellComment('');
  };
  const columnLabel = (key: string) => definition.columns.find((column) => column.key === key)?.label[language] ?? key;
  const show = (value: unknown, column: string) => cellText(template, column, value, language) || '∅';

  return (
    <section aria-labelledby="samla-submission-heading" className="samla-submission">
      <Button onClick={onBack}>{t('backToOverview')}</Button>
      <h2 id="samla-submission-heading" ref={heading} tabIndex={-1}>
        {boardName} · {year}
      </h2>
      <TabList selectedValue={template} onTabSelect={(_event, data) => setTemplate(data.value as TemplateKey)}>
        {TEMPLATE_KEYS.map((key) => (
          <Tab key={key} value={key}>
            {templateDefinition(key).label[language]}
          </Tab>
        ))}
      </TabList>
      {problem && <p className="samla-round-problem">{problem}</p>}
      {currentVersion === undefined && !problem && <p>{t('submissionNothing', { template: label })}</p>}
      {opened && <VersionView language={language} opened={opened} />}
      {versions.length > 0 && (
        <section aria-labelledby="samla-diff-heading">
          <h3 id="samla-diff-heading">{t('diffHeading')}</h3>
          {versions.length < 2 ? (
            <p>{t('diffNeedsTwo')}</p>
          ) : (
            <div className="samla-actions">
              <VersionSelect label={t('diffFrom')} versions={versions} value={from} onChange={setFrom} />
              <VersionSelect label={t('diffTo')} versions={versions} value={to} onChange={setTo} />
              <Button onClick={() => void compare()}>{t('diffShow')}</Button>
            </div>
          )}
          {diff && (
            <div className="samla-diff">
              <p>
                {t('diffSummary', {
                  added: countOf(language, diff.added.length, 'row'),
                  removed: countOf(language, diff.removed.length, 'row'),
                  changed: countOf(language, diff.changed.length, 'row'),
                  unchanged: countOf(language, diff.unchanged, 'row'),
                })}
              </p>
              <ul>
                {diff.added.map((row, index) => (
                  <li key={`a${index}`} data-diff="added">
                    {t('diffAdded', { id: String(row[idColumnOf(template)] ?? index + 1) })}
                  </li>
                ))}
                {diff.removed.map((row, index) => (
                  <li key={`r${index}`} data-diff="removed">
                    {t('diffRemoved', { id: String(row[idColumnOf(template)] ?? index + 1) })}
                  </li>
                ))}
                {diff.changed.map((row) => (
                  <li key={`c${row.id}`} data-diff="changed">
                    {t('diffChanged', { id: row.id })}
                    <ul>
                      {row.cells.map((cell) => (
                        <li key={cell.column}>
                          {t('diffCell', { column: columnLabel(cell.column), before: show(cell.before, cell.column), after: show(cell.after, cell.column) })}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
      {currentVersion !== undefined && (
        <section aria-labelledby="samla-review-heading" className="samla-review">
          <h3 id="samla-review-heading">{t('returnHeading')}</h3>
          <Field label={t('returnComment')}>
            <Textarea id="samla-return-comment" value={comment} onChange={(_event, data) => setComment(data.value)} resize="vertical" />
          </Field>
          <h4>{t('returnCellsHeading')}</h4>
          <div className="samla-actions">
            <Field label={t('returnCellRow')}>
              <Input type="number" min={2} value={cellRow} onChange={(_event, data) => setCellRow(data.value)} />
            </Field>
            <Field label={t('returnCellColumn')}>
              <Select value={cellColumn} onChange={(_event, data) => setCellColumn(data.value)}>
                {definition.columns.map((column, index) => (
                  <option key={column.key} value={column.key}>
                    {`${columnLetters(index + 1)} – ${column.label[language]}`}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('returnCellComment')}>
              <Input value={cellComment} onChange={(_event, data) => setCellComment(data.value)} />
            </Field>
            <Button onClick={addCell}>{t('returnCellAdd')}</Button>
          </div>
          {cells.length > 0 && (
            <ul>
              {cells.map((cell, index) => {
                const where = cellOfComment(template, cell).cell;
                return (
                  <li key={`${where}-${index}`}>
                    {where} ({columnLabel(cell.column)}): {cell.comment}{' '}
                    <Button size="small" onClick={() => setCells((current) => current.filter((_cell, at) => at !== index))}>
                      {t('returnCellRemove', { cell: where })}
                    </Button>
                  </li>
                );
              })}
            </ul>
          )}
          <div className="samla-actions">
            <Button disabled={work.busy !== undefined || entry?.state === 'accepted'} onClick={sendReturn}>
              {t('returnSend', { version: currentVersion })}
            </Button>
            <Button
              appearance="primary"
              disabled={work.busy !== undefined || entry?.state === 'accepted'}
              onClick={() =>
                void act(
                  t('busy'),
                  (signal) => api.acceptVersion(year, board, template, currentVersion, { signal }),
                  t('acceptedDone', { template: label, board: boardName, version: currentVersion }),
                )
              }
            >
              {t('acceptVersion', { version: currentVersion })}
            </Button>
            {(entry?.state === 'accepted' || entry?.state === 'returned') && (
              <Button
                disabled={work.busy !== undefined}
                onClick={() =>
                  void act(
                    t('busy'),
                    (signal) => api.reopen(year, board, template, undefined, { signal }),
                    t('reopenedDone', { template: label, board: boardName }),
                  )
                }
              >
                {t('reopenRound')}
              </Button>
            )}
          </div>
        </section>
      )}
    </section>
  );
}

/** A labelled choice of one of a template's version numbers (the two ends of a comparison). */
function VersionSelect(props: {
  readonly label: string;
  readonly versions: readonly { readonly version: number }[];
  readonly value: number | undefined;
  readonly onChange: (version: number) => void;
}) {
  return (
    <Field label={props.label}>
      <Select value={String(props.value)} onChange={(_event, data) => props.onChange(Number(data.value))}>
        {props.versions.map((version) => (
          <option key={version.version} value={version.version}>
            {version.version}
          </option>
        ))}
      </Select>
    </Field>
  );
}
