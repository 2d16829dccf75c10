/** The pane's few layout rules; Fluent UI styles the controls themselves. */
export const PANE_CSS = `
body { margin: 0; font-family: 'Segoe UI', system-ui, sans-serif; }
.samla-pane { padding: 12px; display: flex; flex-direction: column; gap: 12px; max-width: 480px; }
.samla-pane h1 { font-size: 20px; margin: 0; }
.samla-pane h2 { font-size: 16px; margin: 8px 0 4px; }
.samla-pane h3 { font-size: 14px; margin: 6px 0 2px; }
.samla-header, .samla-session { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.samla-actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.samla-issue-list { list-style: none; padding: 0; margin: 0; }
.samla-issue { text-align: left; justify-content: flex-start; height: auto; padding: 4px; gap: 6px; }
.samla-issue-severity { font-weight: 600; min-width: 56px; }
.samla-issue-message { font-weight: 400; }
li[data-severity='error'] .samla-issue-severity { color: #a4262c; }
li[data-severity='warning'] .samla-issue-severity { color: #8a6100; }
.samla-history { border-collapse: collapse; margin-top: 8px; width: 100%; }
.samla-history caption { text-align: left; font-weight: 600; }
.samla-history th, .samla-history td { border-bottom: 1px solid #ddd; padding: 2px 6px; text-align: left; }
`;

export function installPaneStyles(extra = ''): void {
  const style = document.createElement('style');
  style.textContent = PANE_CSS + extra;
  document.head.append(style);
}
