/** Number formats of the templates and reports; Excel shows them with the user's own separators. */
export const NUMBER_FORMATS = {
  date: 'yyyy-mm-dd',
  amount: '#,##0.00',
  wholeAmount: '#,##0',
  count: '#,##0',
  hours: '#,##0.0',
  share: '0.0%',
  /** Excel's text format: a cell in it keeps what is typed as text. */
  text: '@',
} as const;
