import { parseInitiativeSettings, type InitiativeSettings } from './initiative';

/**
 * LUJ — Länsstyrelserna utvecklar jämställdhet, 2013–2014: the figures of the government decision
 * (regeringsbeslut 2013, U2013/…/JÄM). The default initiative; another one is loaded from JSON.
 */
export const LUJ_INITIATIVE: InitiativeSettings = parseInitiativeSettings({
  key: 'luj-2013-2014',
  name: {
    sv: 'Länsstyrelserna utvecklar jämställdhet (LUJ) 2013–2014',
    en: 'County Administrative Boards Develop Gender Equality (LUJ) 2013–2014',
  },
  shortName: 'LUJ',
  leadBoard: 'I',
  startDate: '2013-01-01',
  endDate: '2014-12-31',
  years: [
    { year: 2013, ceiling: 1_400_000, requisitionDeadline: '2013-09-30', repaymentDeadline: '2014-03-01' },
    { year: 2014, ceiling: 3_100_000, requisitionDeadline: '2014-09-01', repaymentDeadline: '2015-03-01' },
  ],
  statusReport: { year: 2013, due: '2014-01-31' },
  finalReport: { due: '2015-03-01' },
  funding: {
    expenditureArea: 13,
    appropriation: '3:1',
    item: 12,
    description: {
      sv: 'utgiftsområde 13, anslag 3:1, anslagspost 12',
      en: 'expenditure area 13, appropriation 3:1, item 12',
    },
  },
});
