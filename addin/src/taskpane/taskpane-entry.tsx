import { createRoot } from 'react-dom/client';
import { BUILD_SETTINGS } from './api/build-settings';
import { SamlaPane } from './components/SamlaPane';
import { ExcelWorkbook } from './excel/excel-workbook';
import { installPaneStyles } from './pane-styles';

/** Samla inside Excel: Office.js is loaded by taskpane.html; the pane starts once Office is ready. */
installPaneStyles();
void Office.onReady(() => {
  const root = document.getElementById('samla-root');
  if (!root) return;
  createRoot(root).render(<SamlaPane port={new ExcelWorkbook()} signIn={BUILD_SETTINGS.development ? 'dev' : 'microsoft'} />);
});
