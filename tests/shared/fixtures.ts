import { LUJ_INITIATIVE, type ActivityRow, type ExpenseRow, type ValidationContext } from '@samla/shared';

export const context2013: ValidationContext = { year: 2013, settings: LUJ_INITIATIVE };

export function activity(overrides: Partial<Record<keyof ActivityRow, unknown>> = {}): Record<string, unknown> {
  const row: ActivityRow = {
    activityId: 'A-1',
    strand: 'competence',
    activityType: 'training',
    title: 'Grundutbildning i jämställdhetsintegrering',
    startDate: '2013-03-01',
    endDate: '2013-03-02',
    targetGroup: 'managers',
    participantsWomen: 12,
    participantsMen: 8,
    participantsUnspecified: 0,
    hours: 16,
    status: 'completed',
    result: 'Alla chefer har genomgått utbildningen.',
    learningExample: false,
  };
  return { ...row, ...overrides };
}

export function expense(overrides: Partial<Record<keyof ExpenseRow, unknown>> = {}): Record<string, unknown> {
  const row: ExpenseRow = {
    expenseId: 'K-1',
    date: '2013-03-05',
    category: 'purchased-services',
    activityId: 'A-1',
    description: 'Föreläsare grundutbildning',
    supplier: 'Genuskonsult AB',
    amount: 12500,
    voucher: 'V-2013-0042',
    funding: 'grant',
  };
  return { ...row, ...overrides };
}
