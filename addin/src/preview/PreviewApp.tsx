import { SamlaPane } from '../taskpane/components/SamlaPane';
import type { PreviewWorkbook } from './preview-workbook';
import { SheetGrid } from './SheetGrid';

export const PREVIEW_CSS = `
.samla-preview { display: flex; gap: 16px; align-items: flex-start; }
.samla-preview-workbook { flex: 1; min-width: 0; padding: 12px; overflow: auto; }
.samla-preview-pane { width: 420px; border-left: 1px solid #ccc; min-height: 100vh; }
.samla-tabs { display: flex; gap: 4px; margin-bottom: 6px; }
.samla-tabs button[aria-selected='true'] { font-weight: 700; border-bottom: 2px solid #0f6cbd; }
.samla-grid { border-collapse: collapse; font-size: 12px; table-layout: fixed; }
.samla-grid thead th { position: sticky; top: 0; z-index: 1; }
.samla-grid td, .samla-grid th[scope='row'] { height: 25px; overflow: hidden; }
.samla-grid th { background: #f3f3f3; border: 1px solid #ccc; padding: 2px 4px; font-weight: 600; white-space: nowrap; }
.samla-grid td { border: 1px solid #ddd; padding: 0; }
.samla-grid input { border: 0; width: 100%; min-width: 60px; box-sizing: border-box; padding: 2px 4px; font: inherit; background: transparent; }
.samla-grid td[data-mark='error'] { background: #fde7e9; }
.samla-grid td[data-mark='warning'] { background: #fff4ce; }
.samla-grid input:focus { outline: 2px solid #0f6cbd; }
`;

/** The browser preview: an in-browser workbook on the left, the very same pane on the right. */
export function PreviewApp({ workbook }: { readonly workbook: PreviewWorkbook }) {
  return (
    <div className="samla-preview">
      <div className="samla-preview-workbook">
        <SheetGrid workbook={workbook} />
      </div>
      <div className="samla-preview-pane">
        <SamlaPane port={workbook} signIn="dev" preview />
      </div>
    </div>
  );
}
