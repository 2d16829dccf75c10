/** Rows as a user fills the two templates in Excel (labels, serial dates, numbers), some of them wrong. */
import { ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE, serialFromIsoDate } from '@samla/shared';

function labelOf(template: typeof ACTIVITIES_TEMPLATE | typeof EXPENSES_TEMPLATE, key: string, index: number): string {
  const column = template.columns.find((candidate) => candidate.key === key);
  if (column?.type !== 'list') throw new Error(`${key} is not a list column`);
  const option = column.list.options[index % column.list.options.length];
  return option?.label.sv ?? '';
}

/** `count` activity rows of 2013, in template column order; every `wrongEvery`-th row has an end before its start. */
export function activityRows(count: number, wrongEvery = 0): unknown[][] {
  const start = serialFromIsoDate('2013-02-01');
  return Array.from({ length: count }, (_, index) => {
    const day = start + (index % 300);
    const wrong = wrongEvery > 0 && index % wrongEvery === wrongEvery - 1;
    const values: Record<string, unknown> = {
      activityId: `A-${index + 1}`,
      strand: labelOf(ACTIVITIES_TEMPLATE, 'strand', index),
      activityType: labelOf(ACTIVITIES_TEMPLATE, 'activityType', index),
      title: `Nätverksträff om jämställdhetsintegrering ${index + 1}`,
      startDate: day,
      endDate: wrong ? day - 2 : day + 1,
      targetGroup: labelOf(ACTIVITIES_TEMPLATE, 'targetGroup', index),
      participantsWomen: 12,
      participantsMen: 9,
      participantsUnspecified: 0,
      hours: 3.5,
      partners: 'SKL; Länsstyrelsen i Gotlands län',
      learningExample: 'Nej',
      publishedUrl: '',
      status: 'Genomförd',
      result: 'Ökad kunskap om jämställdhetsintegrering',
      effect: '',
    };
    return ACTIVITIES_TEMPLATE.columns.map((column) => values[column.key] ?? '');
  });
}

/** `count` expense rows of 2013; every `wrongEvery`-th row has a zero amount. */
export function expenseRows(count: number, wrongEvery = 0): unknown[][] {
  const start = serialFromIsoDate('2013-02-01');
  return Array.from({ length: count }, (_, index) => {
    const wrong = wrongEvery > 0 && index % wrongEvery === wrongEvery - 1;
    const values: Record<string, unknown> = {
      expenseId: `K-${index + 1}`,
      date: start + (index % 300),
      category: labelOf(EXPENSES_TEMPLATE, 'category', index),
      activityId: `A-${index + 1}`,
      description: `Lokalhyra och fika, nätverksträff ${index + 1}`,
      supplier: 'Visby Konferens AB',
      amount: wrong ? 0 : 1250.5,
      voucher: `V2013-${index + 1}`,
      funding: labelOf(EXPENSES_TEMPLATE, 'funding', 0),
    };
    return EXPENSES_TEMPLATE.columns.map((column) => values[column.key] ?? '');
  });
}
