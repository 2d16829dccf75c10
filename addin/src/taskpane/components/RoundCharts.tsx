import { LOCALES, STRANDS, type Language } from '@samla/shared';
import { DonutChart, GroupedVerticalBarChart, HorizontalBarChart, getColorFromToken, DataVizPalette, type ChartProps } from '@fluentui/react-charts';
import type { BoardLine, NationTotals } from '../views/round-overview';
import { participantsByStrand } from '../views/round-overview';
import { formatAmount, formatCount } from '../views/swedish-numbers';
import { translator } from './pane-props';

interface RoundChartsProps {
  readonly language: Language;
  readonly lines: readonly BoardLine[];
  readonly totals: NationTotals;
  /** The year's ceiling in kronor. */
  readonly ceiling: number;
}

const STATE_COLORS = {
  accepted: getColorFromToken(DataVizPalette.success),
  submitted: getColorFromToken(DataVizPalette.color1),
  returned: getColorFromToken(DataVizPalette.warning),
  missing: getColorFromToken(DataVizPalette.disabled),
} as const;

/**
 * What a coordinator would rather look at than read: the round's completeness, participants by sex per strand, and
 * the grant-funded costs against the year's ceiling (Fluent UI's own charts). Each chart also has its figures in text
 * beside it in the totals, for screen readers.
 */
export function RoundCharts({ language, lines, totals, ceiling }: RoundChartsProps) {
  const t = translator(language);
  const culture = LOCALES[language];
  const states = [
    { key: 'accepted', label: t('stateAccepted') },
    { key: 'submitted', label: t('stateSubmitted') },
    { key: 'returned', label: t('stateReturned') },
    { key: 'missing', label: t('stateMissing') },
  ] as const;
  const completeness: ChartProps = {
    chartTitle: t('chartCompleteness'),
    chartData: states.map((state) => ({ legend: state.label, data: totals.states[state.key], color: STATE_COLORS[state.key] })),
  };
  const strands = participantsByStrand(lines).filter((entry) => entry.women + entry.men + entry.unspecified > 0);
  const sexes = [
    { key: 'women', label: t('women'), color: getColorFromToken(DataVizPalette.color2) },
    { key: 'men', label: t('men'), color: getColorFromToken(DataVizPalette.color3) },
    { key: 'unspecified', label: t('unspecified'), color: getColorFromToken(DataVizPalette.color5) },
  ] as const;
  const participants = strands.map((entry) => ({
    name: STRANDS.options.find((option) => option.key === entry.strand)?.label[language] ?? entry.strand,
    series: sexes.map((sex) => ({ key: sex.key, data: entry[sex.key], legend: sex.label, color: sex.color })),
  }));
  // The title is the figure's caption: Fluent cuts a bar chart's own title to one line, which the pane is too narrow for.
  const grant: ChartProps[] = [
    {
      chartData: [
        {
          legend: t('chartGrantUsed'),
          horizontalBarChartdata: { x: Math.round(totals.grant), total: Math.max(ceiling, Math.round(totals.grant)) },
          color: totals.grant > ceiling ? getColorFromToken(DataVizPalette.error) : getColorFromToken(DataVizPalette.color1),
          xAxisCalloutData: `${formatAmount(totals.grant, language)} kr`,
          yAxisCalloutData: `${formatAmount(ceiling, language)} kr`,
        },
      ],
    },
  ];
  return (
    <section aria-labelledby="samla-charts-heading" className="samla-charts">
      <h3 id="samla-charts-heading" className="samla-visually-hidden">
        {t('chartCompleteness')}
      </h3>
      <figure className="samla-chart">
        <DonutChart
          culture={culture}
          data={completeness}
          innerRadius={40}
          height={180}
          width={380}
          valueInsideDonut={`${formatCount(totals.entries - totals.states.missing, language)}/${formatCount(totals.entries, language)}`}
        />
      </figure>
      {participants.length > 0 && (
        <figure className="samla-chart">
          <figcaption>{t('chartParticipants')}</figcaption>
          <GroupedVerticalBarChart culture={culture} data={participants} height={260} width={400} barWidth={8} rotateXAxisLables />
        </figure>
      )}
      <figure className="samla-chart">
        <figcaption>{t('chartGrant')}</figcaption>
        <HorizontalBarChart culture={culture} data={grant} chartDataMode="fraction" />
      </figure>
    </section>
  );
}
