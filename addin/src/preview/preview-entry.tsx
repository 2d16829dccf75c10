import { createRoot } from 'react-dom/client';
import { installPaneStyles } from '../taskpane/pane-styles';
import { PREVIEW_CSS, PreviewApp } from './PreviewApp';
import { PreviewWorkbook } from './preview-workbook';

/** Samla in a plain browser: the same pane beside an in-browser workbook, no Office.js. */
installPaneStyles(PREVIEW_CSS);
const root = document.getElementById('samla-root');
if (root) createRoot(root).render(<PreviewApp workbook={new PreviewWorkbook()} />);
