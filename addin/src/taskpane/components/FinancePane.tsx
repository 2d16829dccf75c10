import { FUNDS_MOVEMENT_KINDS, type FundsMovement, type FundsMovementKind } from '@samla/shared';
import { Button, Field, Input, MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { checkFundsLine, type FundsLine, type FundsLineCheck, type FundsLineProblem } from '../views/funds-form';
import { FIGURE_KEYS } from '../views/round-overview';
import { settlementOf } from '../views/settlement';
import { formatAmount, kronorFromOre } from '../views/swedish-numbers';
import { countOf } from '../views/plurals';
import { errorText, isMissingRoute } from './error-text';
import { translator, type RolePaneProps, type Translate } from './pane-props';
import { ReportButtons } from './ReportButtons';

/** A stored movement as a form line: amounts are typed the Swedish way in both languages (`1 500,00`). */
const lineOf = (movement: FundsMovement): FundsLine => ({ kind: movement.kind, amount: formatAmount(movement.amount, 'sv'), date: movement.date });

function problemText(t: Translate, problem: FundsLineProblem, line: FundsLine, year: number): string {
  if (problem.field === 'date') {
    if (problem.code === 'not-a-date') return t('dateInvalid', { example: `${year}-09-15` });
    return t('dateOutside', {
      from: problem.from,
      to: problem.to,
      kind: t(line.kind === 'requisition' ? 'kindRequisition' : 'kindRepayment').toLowerCase(),
      year,
    });
  }
  switch (problem.code) {
    case 'empty':
      return t('amountEmpty');
    case 'ambiguous-point':
      return t('amountAmbiguous', { text: line.amount.trim() });
    case 'too-many-decimals':
      return t('amountDecimals');
    case 'not-positive':
      return t('amountNotPositive');
    default:
      return t('amountNotNumber', { text: line.amount.trim() });
  }
}

/**
 * Finance's pane: the year's settlement with Kammarkollegiet (ceiling, requisitioned and whether in time, grant-funded
 * costs, unused, repaid, left to repay and by when), the form for the year's requisitions and repayments with Swedish
 * amounts, and the reports. Amounts are typed and shown as Swedish readers write them (`1 500,00`).
 */
export function FinancePane({ api, language, year, initiative, work, port, preview }: RolePaneProps) {
  const t = translator(language);
  const [lines, setLines] = useState<FundsLine[]>([]);
  const [stored, setStored] = useState<readonly FundsMovement[]>([]);
  const [revision, setRevision] = useState<number>();
  const [grant, setGrant] = useState<number>();
  const [grantProblem, setGrantProblem] = useState<string>();
  const [showProblems, setShowProblems] = useState(false);
  const firstProblem = useRef<HTMLInputElement>(null);

  async function load(signal?: AbortSignal): Promise<void> {
    const options = signal ? { signal } : {};
    try {
      const funds = await api.funds(year, options);
      setStored(funds.movements);
      setRevision(funds.revision);
      setLines(funds.movements.map((movement) => lineOf(movement)));
    } catch (error) {
      work.setNotice({ tone: 'error', text: errorText(error, language) });
    }
    try {
      const round = await api.round(year, options);
      setGrant(
        round.entries.filter((entry) => entry.template === 'expenses').reduce((total, entry) => total + (entry.summary?.figures[FIGURE_KEYS.grant] ?? 0), 0),
      );
      setGrantProblem(undefined);
    } catch (error) {
      setGrant(undefined);
      setGrantProblem(isMissingRoute(error) ? t('settlementGrantUnknown') : errorText(error, language));
    }
  }

  useEffect(() => {
    const controller = new AbortController();
    setShowProblems(false);
    void load(controller.signal);
    return () => controller.abort();
  }, [year]);

  const checks: FundsLineCheck[] = lines.map((line) => checkFundsLine(initiative.settings, year, line));
  const settlement = settlementOf(initiative.settings, year, stored, grant ?? 0);
  const amount = (ore: number) => `${formatAmount(kronorFromOre(ore), language)} kr`;
  const timing =
    settlement.requisitionTiming === 'in-time' ? 'settlementInTime' : settlement.requisitionTiming === 'late' ? 'settlementLate' : ('settlementNone' as const);

  const update = (index: number, change: Partial<FundsLine>) =>
    setLines((current) => current.map((line, at) => (at === index ? { ...line, ...change } : line)));
  const save = () => {
    if (checks.some((check) => check.problems.length > 0)) {
      setShowProblems(true);
      work.setNotice({ tone: 'error', text: t('fundsInvalid') });
      setTimeout(() => firstProblem.current?.focus(), 0);
      return;
    }
    const movements = checks.flatMap((check) => (check.movement ? [check.movement] : []));
    void work.run(t('busy'), async (signal) => {
      const answer = await api.saveFunds(year, movements, { signal });
      setStored(answer.movements);
      setRevision(answer.revision);
      setLines(answer.movements.map((movement) => lineOf(movement)));
      setShowProblems(false);
      return { tone: 'success', text: t('fundsSaved', { year, revision: answer.revision, count: countOf(language, answer.movements.length, 'row') }) };
    });
  };

  let problemRefGiven = false;
  return (
    <>
      <section aria-labelledby="samla-settlement-heading" className="samla-settlement">
        <h2 id="samla-settlement-heading">{t('settlementHeading', { year })}</h2>
        <dl className="samla-figures">
          <dt>{t('settlementCeiling')}</dt>
          <dd>{amount(settlement.ceilingOre)}</dd>
          <dt>{t('settlementRequisitioned')}</dt>
          <dd>
            {amount(settlement.requisitionedOre)}, <span data-timing={settlement.requisitionTiming}>{t(timing, { date: settlement.requisitionDeadline })}</span>
          </dd>
          <dt>{t('settlementGrant')}</dt>
          <dd>{grant === undefined ? (grantProblem ?? '…') : amount(settlement.grantOre)}</dd>
          <dt>{t('settlementUnused')}</dt>
          <dd>{grant === undefined ? '—' : amount(settlement.unusedOre)}</dd>
          <dt>{t('settlementRepaid')}</dt>
          <dd>{amount(settlement.repaidOre)}</dd>
          <dt>{t('settlementToRepay')}</dt>
          <dd>
            {grant === undefined ? '—' : amount(settlement.toRepayOre)}, {t('settlementRepayBy', { date: settlement.repaymentDeadline })}
          </dd>
        </dl>
        {settlement.overCeiling && (
          <MessageBar intent="warning">
            <MessageBarBody>{t('settlementOverCeiling')}</MessageBarBody>
          </MessageBar>
        )}
      </section>
      <section aria-labelledby="samla-funds-heading">
        <h2 id="samla-funds-heading">{t('fundsHeading', { year })}</h2>
        {lines.length === 0 && <p>{t('fundsEmpty', { year })}</p>}
        <ol className="samla-funds">
          {lines.map((line, index) => {
            const check = checks[index];
            const problems = showProblems ? (check?.problems ?? []) : [];
            const amountProblem = problems.find((problem) => problem.field === 'amount');
            const dateProblem = problems.find((problem) => problem.field === 'date');
            const giveRef = problems.length > 0 && !problemRefGiven;
            if (giveRef) problemRefGiven = true;
            return (
              <li key={index} className="samla-funds-line" aria-label={t('fundsLine', { n: index + 1 })}>
                <Field label={t('fundsKind')}>
                  <Select value={line.kind} onChange={(_event, data) => update(index, { kind: data.value as FundsMovementKind })}>
                    {FUNDS_MOVEMENT_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(kind === 'requisition' ? 'kindRequisition' : 'kindRepayment')}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field
                  label={t('fundsAmount')}
                  validationState={amountProblem ? 'error' : 'none'}
                  validationMessage={amountProblem ? problemText(t, amountProblem, line, year) : undefined}
                >
                  <Input
                    ref={giveRef && amountProblem ? firstProblem : undefined}
                    inputMode="decimal"
                    value={line.amount}
                    placeholder={t('fundsAmountExample')}
                    onChange={(_event, data) => update(index, { amount: data.value })}
                  />
                </Field>
                <Field
                  label={t('fundsDate')}
                  validationState={dateProblem ? 'error' : check?.lateAfter ? 'warning' : 'none'}
                  validationMessage={
                    dateProblem ? problemText(t, dateProblem, line, year) : check?.lateAfter ? t('dateLate', { date: check.lateAfter }) : undefined
                  }
                >
                  <Input
                    ref={giveRef && !amountProblem ? firstProblem : undefined}
                    value={line.date}
                    placeholder={`${year}-09-15`}
                    onChange={(_event, data) => update(index, { date: data.value })}
                  />
                </Field>
                <Button size="small" onClick={() => setLines((current) => current.filter((_line, at) => at !== index))}>
                  {t('fundsRemove', { n: index + 1 })}
                </Button>
              </li>
            );
          })}
        </ol>
        <div className="samla-actions">
          <Button onClick={() => setLines((current) => [...current, { kind: 'requisition', amount: '', date: '' }])}>{t('fundsAdd')}</Button>
          <Button appearance="primary" disabled={work.busy !== undefined} onClick={save}>
            {t('fundsSave')}
          </Button>
          <Button disabled={work.busy !== undefined} onClick={() => void load()}>
            {t('fundsReload')}
          </Button>
        </div>
        {revision !== undefined && revision > 0 && <p className="samla-revision">{t('fundsRevision', { revision })}</p>}
      </section>
      <ReportButtons language={language} api={api} year={year} work={work} port={port} preview={preview} kinds={['financial', 'status', 'final']} />
    </>
  );
}
