import { BOARDS, TEMPLATE_KEYS, initiativeYear, templateDefinition, type BoardCode, type RoundEntry } from '@samla/shared';
import { Button, Radio, RadioGroup } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { RoundAnswer } from '../api/samla-api';
import { formatInstant } from '../views/initiative-view';
import { countOf } from '../views/plurals';
import { OVERVIEW_FILTERS, boardLines, filterLines, nationTotals, type OverviewFilter } from '../views/round-overview';
import { formatAmount, formatCount } from '../views/swedish-numbers';
import { BoardFinder } from './BoardFinder';
import { errorText, isMissingRoute } from './error-text';
import { translator, type RolePaneProps, type Translate } from './pane-props';
import { ReportButtons } from './ReportButtons';
import { RoundCharts } from './RoundCharts';
import { SubmissionView } from './SubmissionView';

const FILTER_LABELS = { all: 'filterAll', missing: 'filterMissing', late: 'filterLate', returned: 'filterReturned' } as const;
const STATE_LABELS = { missing: 'stateMissing', submitted: 'stateSubmitted', returned: 'stateReturned', accepted: 'stateAccepted' } as const;

function StateCell({ entry, t }: { readonly entry: RoundEntry; readonly t: Translate }) {
  return (
    <span className="samla-state" data-state={entry.state}>
      {t(STATE_LABELS[entry.state])}
      {entry.nothingToReport && ` · ${t('nothingToReportFlag')}`}
      {entry.late && (
        <span className="samla-late" data-late="true">
          {' '}
          · {t('lateFlag')}
        </span>
      )}
    </span>
  );
}

/**
 * The coordinator's pane: the year's round for the 21 boards × two templates (state, version, time, who, rows,
 * warnings, late), filters, the nation's totals and charts; a board opens its submission for review.
 */
export function CoordinatorPane(props: RolePaneProps) {
  const { api, language, year, initiative, work, port, preview } = props;
  const t = translator(language);
  const [round, setRound] = useState<RoundAnswer>();
  const [problem, setProblem] = useState<string>();
  const [filter, setFilter] = useState<OverviewFilter>('all');
  const [openBoard, setOpenBoard] = useState<BoardCode>();
  const overviewHeading = useRef<HTMLHeadingElement>(null);

  const load = (signal?: AbortSignal) =>
    api.round(year, signal ? { signal } : {}).then(
      (answer) => {
        setRound(answer);
        setProblem(undefined);
      },
      (error: unknown) => {
        setRound(undefined);
        setProblem(isMissingRoute(error) ? t('errorMissingRoute', { what: t('routeRound'), status: error.status }) : errorText(error, language));
      },
    );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [year]);

  if (openBoard) {
    return (
      <SubmissionView
        {...props}
        board={openBoard}
        entries={round?.entries.filter((entry) => entry.board === openBoard) ?? []}
        onBack={() => {
          setOpenBoard(undefined);
          void load();
          setTimeout(() => overviewHeading.current?.focus(), 0);
        }}
        onChanged={() => void load()}
      />
    );
  }

  const lines = boardLines(round?.entries ?? []);
  const shown = filterLines(lines, filter);
  const totals = nationTotals(lines);
  const ceiling = initiativeYear(initiative.settings, year)?.ceiling ?? 0;
  const amount = (kronor: number) => formatAmount(kronor, language);
  return (
    <>
      <section aria-labelledby="samla-overview-heading" className="samla-overview">
        <h2 id="samla-overview-heading" ref={overviewHeading} tabIndex={-1}>
          {t('overviewHeading', { year })}
        </h2>
        <BoardFinder language={language} onOpen={setOpenBoard} />
        {problem && <p className="samla-round-problem">{problem}</p>}
        <div className="samla-actions">
          <Button size="small" disabled={work.busy !== undefined} onClick={() => void load()}>
            {t('overviewLoad')}
          </Button>
        </div>
        {round && (
          <>
            <section aria-labelledby="samla-totals-heading">
              <h3 id="samla-totals-heading">{t('totalsHeading')}</h3>
              <p data-totals="states">
                {t('totalsStates', {
                  submitted: formatCount(totals.entries - totals.states.missing, language),
                  entries: formatCount(totals.entries, language),
                  accepted: formatCount(totals.states.accepted, language),
                  returned: formatCount(totals.states.returned, language),
                  missing: formatCount(totals.states.missing, language),
                  late: formatCount(totals.late, language),
                })}
              </p>
              <p>{t('totalsRows', { rows: countOf(language, totals.rows, 'row'), warnings: countOf(language, totals.warnings, 'warning') })}</p>
              <p>
                {t('totalsParticipants', {
                  women: formatCount(totals.women, language),
                  men: formatCount(totals.men, language),
                  unspecified: formatCount(totals.unspecified, language),
                })}
              </p>
              <p>{t('totalsCosts', { grant: amount(totals.grant), own: amount(totals.own), ceiling: amount(ceiling) })}</p>
            </section>
            <RoundCharts language={language} lines={lines} totals={totals} ceiling={ceiling} />
            <RadioGroup layout="horizontal" aria-label={t('filterLabel')} value={filter} onChange={(_event, data) => setFilter(data.value as OverviewFilter)}>
              {OVERVIEW_FILTERS.map((option) => (
                <Radio key={option} value={option} label={t(FILTER_LABELS[option])} />
              ))}
            </RadioGroup>
            {shown.length === 0 ? (
              <p>{t('filterNone')}</p>
            ) : (
              <div className="samla-scroll" role="region" aria-label={t('overviewHeading', { year })} tabIndex={0}>
                <table className="samla-round-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('columnBoard')}</th>
                      <th scope="col">{t('columnTemplate')}</th>
                      <th scope="col">{t('columnState')}</th>
                      <th scope="col">{t('columnVersion')}</th>
                      <th scope="col">{t('columnWhen')}</th>
                      <th scope="col">{t('columnBy')}</th>
                      <th scope="col">{t('columnRows')}</th>
                      <th scope="col">{t('columnWarnings')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.flatMap((line) =>
                      TEMPLATE_KEYS.map((template, index) => {
                        const entry = line.entries[template];
                        const board = BOARDS.find((candidate) => candidate.code === line.board);
                        return (
                          <tr key={`${line.board}-${template}`} data-board={line.board} data-template={template} data-state={entry.state}>
                            {index === 0 && (
                              <th scope="rowgroup" rowSpan={TEMPLATE_KEYS.length}>
                                <Button size="small" appearance="subtle" className="samla-board-link" onClick={() => setOpenBoard(line.board)}>
                                  {board?.county ?? line.board}
                                </Button>
                              </th>
                            )}
                            <td>{templateDefinition(template).label[language]}</td>
                            <td>
                              <StateCell entry={entry} t={t} />
                            </td>
                            <td>{entry.version ?? ''}</td>
                            <td className="samla-when">{entry.submittedAt ? formatInstant(entry.submittedAt, language) : ''}</td>
                            <td>{entry.submittedBy ?? ''}</td>
                            <td>{entry.summary ? formatCount(entry.summary.rows, language) : ''}</td>
                            <td>{entry.summary ? formatCount(entry.summary.warnings, language) : ''}</td>
                          </tr>
                        );
                      }),
                    )}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>
      <ReportButtons language={language} api={api} year={year} work={work} port={port} preview={preview} />
    </>
  );
}
