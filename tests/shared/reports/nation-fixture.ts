import {
  LUJ_INITIATIVE,
  type ActivityRow,
  type BoardCode,
  type ExpenseRow,
  type NationReportInput,
  type ReportBoardRows,
  type ReportNationYear,
  type ReportRound,
  type TemplateKey,
  type YearFunds,
} from '@samla/shared';

export function version(board: BoardCode, year: number, template: TemplateKey, rows: number, submittedAt: string, number = 1) {
  return {
    board,
    year,
    template,
    version: number,
    submittedAt,
    submittedBy: `Handläggare ${board}`,
    rowCount: rows,
    warningCount: board === 'C' ? 2 : 0,
    contentHash: 'x',
  };
}

export function activityRow(id: string, overrides: Partial<ActivityRow> = {}): ActivityRow {
  return {
    activityId: id,
    strand: 'competence',
    activityType: 'training',
    title: `Utbildning ${id}`,
    startDate: '2013-03-01',
    endDate: '2013-03-02',
    targetGroup: 'managers',
    participantsWomen: 12,
    participantsMen: 8,
    participantsUnspecified: 1,
    hours: 16,
    status: 'completed',
    result: 'Chefer har fått grundkunskap.',
    effect: 'Bättre beslut.',
    learningExample: false,
    ...overrides,
  };
}

export function expenseRow(id: string, overrides: Partial<ExpenseRow> = {}): ExpenseRow {
  return {
    expenseId: id,
    date: '2013-03-05',
    category: 'purchased-services',
    activityId: 'A-1',
    description: `Kostnad ${id}`,
    supplier: 'Genuskonsult AB',
    amount: 1000.1,
    voucher: `V-${id}`,
    funding: 'grant',
    ...overrides,
  };
}

function activities(board: BoardCode, year: number, rows: ActivityRow[], submittedAt: string): ReportBoardRows<'activities'> {
  return { version: version(board, year, 'activities', rows.length, submittedAt), rows };
}

function expenses(board: BoardCode, year: number, rows: ExpenseRow[], submittedAt: string): ReportBoardRows<'expenses'> {
  return { version: version(board, year, 'expenses', rows.length, submittedAt, 2), rows };
}

/**
 * A small nation: AB and C submit both templates for 2013 (C after the status report's due day), I only its
 * activities; in 2014 AB costs more on the grant than the year's ceiling. Amounts with öre test the sums.
 */
export function smallNation(overrides: Partial<NationReportInput> = {}): NationReportInput {
  const y2013: ReportNationYear = {
    year: 2013,
    activities: [
      activities(
        'C',
        2013,
        [
          activityRow('C-1', { strand: 'support', targetGroup: 'case-officers', participantsWomen: 5, participantsMen: 0, participantsUnspecified: 0 }),
          activityRow('C-2', { status: 'ongoing', learningExample: true, publishedUrl: 'https://www.jamstall.nu/c2', result: undefined, effect: undefined }),
        ],
        '2014-02-03T09:00:00Z',
      ),
      activities(
        'AB',
        2013,
        [activityRow('AB-1'), activityRow('AB-2', { participantsWomen: 3, participantsMen: 4, participantsUnspecified: 0, learningExample: true })],
        '2014-01-31T22:30:00Z',
      ),
      activities('I', 2013, [activityRow('I-1', { title: '=HYPERLINK("http://evil")' })], '2013-12-01T10:00:00Z'),
    ],
    expenses: [
      expenses(
        'AB',
        2013,
        [
          expenseRow('K-1', { amount: 0.1 }),
          expenseRow('K-2', { amount: 0.2 }),
          expenseRow('K-3', { amount: 250000.35, category: 'personnel' }),
          expenseRow('K-4', { amount: 999.99, funding: 'own' }),
        ],
        '2014-01-15T08:00:00Z',
      ),
      expenses(
        'C',
        2013,
        [expenseRow('K-1', { amount: -100.05, description: 'Kreditering' }), expenseRow('K-2', { amount: 12000, category: 'travel' })],
        '2014-02-03T09:05:00Z',
      ),
    ],
  };
  const y2014: ReportNationYear = {
    year: 2014,
    activities: [
      activities(
        'AB',
        2014,
        [activityRow('AB-9', { startDate: '2014-02-01', endDate: '2014-02-01', strand: 'dissemination', targetGroup: 'external-actors' })],
        '2014-12-20T10:00:00Z',
      ),
    ],
    expenses: [expenses('AB', 2014, [expenseRow('K-9', { date: '2014-05-01', amount: 3_100_000.01 })], '2014-12-20T10:00:00Z')],
  };
  const funds: YearFunds[] = [
    {
      year: 2013,
      movements: [
        { kind: 'requisition', amount: 300000, date: '2013-09-15' },
        { kind: 'requisition', amount: 50000.5, date: '2013-10-02' },
        { kind: 'repayment', amount: 10000, date: '2014-02-20' },
      ],
    },
    { year: 2014, movements: [{ kind: 'requisition', amount: 3_000_000, date: '2014-08-30' }] },
  ];
  // The round: AB's 2013 accepted, C's activities returned for correction, the rest awaiting review (I has no round
  // entity at all, as a version stored before the round existed).
  const rounds: ReportRound[] = [
    { board: 'AB', year: 2013, template: 'activities', state: 'accepted', version: 1, nothingToReport: false },
    { board: 'AB', year: 2013, template: 'expenses', state: 'accepted', version: 2, nothingToReport: false },
    { board: 'C', year: 2013, template: 'activities', state: 'returned', version: 1, nothingToReport: false },
    { board: 'C', year: 2013, template: 'expenses', state: 'submitted', version: 2, nothingToReport: false },
    { board: 'AB', year: 2014, template: 'activities', state: 'accepted', version: 1, nothingToReport: false },
  ];
  return { settings: LUJ_INITIATIVE, generatedAt: '2015-02-20T12:00:00Z', years: [y2013, y2014], funds, rounds, ...overrides };
}
