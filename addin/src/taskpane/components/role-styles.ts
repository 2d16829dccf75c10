/** Layout rules of the role panes (the shell's own rules are in pane-styles.ts). */
export const ROLE_CSS = `
.samla-busy { display: flex; align-items: center; gap: 8px; }
.samla-due, .samla-closed, .samla-round-problem { margin: 4px 0; }
.samla-closed { font-weight: 600; }
.samla-round-line { margin: 4px 0; }
.samla-state-badge { font-weight: 600; }
.samla-returned { margin: 4px 0; }
li[data-severity='comment'] .samla-issue::before { content: '✎'; margin-right: 4px; }
.samla-scroll { overflow: auto; max-height: 420px; border: 1px solid #e0e0e0; }
.samla-rows, .samla-round-table { border-collapse: collapse; font-size: 12px; }
.samla-rows th, .samla-rows td, .samla-round-table th, .samla-round-table td { border-bottom: 1px solid #e0e0e0; padding: 2px 6px; text-align: left; vertical-align: top; }
.samla-rows th, .samla-round-table thead th { background: #f5f5f5; position: sticky; top: 0; white-space: nowrap; }
.samla-when { white-space: nowrap; }
.samla-round-table th[scope='rowgroup'] { font-weight: 400; background: #fff; }
.samla-state[data-state='missing'] { color: #616161; }
.samla-state[data-state='returned'] { color: #8a3707; font-weight: 600; }
.samla-state[data-state='accepted'] { color: #0e700e; font-weight: 600; }
.samla-late { color: #a4262c; font-weight: 600; }
.samla-figures { display: grid; grid-template-columns: minmax(0, 42%) 1fr; gap: 2px 12px; margin: 0; }
.samla-figures dt { font-weight: 600; }
.samla-figures dd { margin: 0; }
[data-timing='late'] { color: #a4262c; font-weight: 600; }
.samla-funds { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 8px; }
.samla-funds-line { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 6px; align-items: start; border-bottom: 1px solid #e0e0e0; padding-bottom: 6px; }
.samla-funds-line .fui-Input, .samla-funds-line .fui-Select { min-width: 0; width: 100%; }
.samla-funds-line > button { grid-column: 1 / -1; justify-self: start; }
.samla-charts { display: flex; flex-direction: column; gap: 8px; }
.samla-chart { margin: 0; min-width: 0; max-width: 100%; overflow-x: auto; }
.samla-chart figcaption { font-weight: 600; font-size: 13px; }
.samla-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.samla-diff li[data-diff='added'] { color: #0e700e; }
.samla-diff li[data-diff='removed'] { color: #a4262c; }
.samla-version h4, .samla-review h4 { font-size: 13px; margin: 8px 0 2px; }
`;
