import { columnLetters } from '@samla/shared';
import { memo, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ClipboardEvent } from 'react';
import type { ColumnLayout } from '../taskpane/excel/template-layout';
import { cellName, parseClipboardRows, type PreviewSheet, type PreviewWorkbook, type RowMarks } from './preview-workbook';

/** Every row is this tall, so that only the rows in view need to be in the page (2 000 rows stay quick to type in). */
export const ROW_HEIGHT = 26;
/** Rows drawn beyond the visible ones, above and below. */
const OVERSCAN = 20;
const VIEW_ROWS = 30;

/** An editable grid of the preview workbook's sheets: one tab per sheet, one text input per cell. */
export function SheetGrid({ workbook }: { readonly workbook: PreviewWorkbook }) {
  const state = useSyncExternalStore(workbook.subscribe, workbook.snapshot);
  const sheet = state.sheets.find((candidate) => candidate.name === state.activeSheet) ?? state.sheets[0];
  if (!sheet) return <p className="samla-preview-empty">Arbetsboken är tom. Välj Skapa mallar i Samla-panelen.</p>;
  const selection = state.selection?.sheet === sheet.name ? state.selection : undefined;
  return (
    <div>
      <div role="tablist" aria-label="Blad" className="samla-tabs">
        {state.sheets.map((candidate) => (
          <button key={candidate.name} role="tab" aria-selected={candidate.name === sheet.name} onClick={() => workbook.activate(candidate.name)}>
            {candidate.name}
          </button>
        ))}
      </div>
      <SheetTable key={sheet.name} workbook={workbook} sheet={sheet} marks={state.rowMarks.get(sheet.name)} selection={selection} />
      <button onClick={() => workbook.addRows(sheet.name, 5)}>Lägg till 5 rader</button>
    </div>
  );
}

interface Selection {
  readonly address: string;
  readonly serial: number;
}

function SheetTable({
  workbook,
  sheet,
  marks,
  selection,
}: {
  readonly workbook: PreviewWorkbook;
  readonly sheet: PreviewSheet;
  readonly marks: ReadonlyMap<number, RowMarks> | undefined;
  readonly selection: Selection | undefined;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [firstRow, setFirstRow] = useState(0);
  const first = Math.max(0, firstRow - OVERSCAN);
  const last = Math.min(sheet.cells.length, firstRow + VIEW_ROWS + OVERSCAN);

  // Going to an issue: scroll its row into the drawn window, then select the cell so that typing replaces it.
  useLayoutEffect(() => {
    if (!selection || !scroller.current) return;
    const row = Number(/\d+$/.exec(selection.address)?.[0] ?? 1) - 1;
    const top = row * ROW_HEIGHT;
    const view = scroller.current;
    if (top < view.scrollTop || top > view.scrollTop + view.clientHeight - 2 * ROW_HEIGHT) {
      view.scrollTop = Math.max(0, top - 3 * ROW_HEIGHT);
      setFirstRow(Math.floor(view.scrollTop / ROW_HEIGHT));
    }
  }, [selection]);
  useEffect(() => {
    if (!selection) return;
    const input = scroller.current?.querySelector<HTMLInputElement>(`input[data-cell="${selection.address}"]`);
    input?.focus();
    input?.select();
  }, [selection, firstRow]);

  const onPaste = (event: ClipboardEvent<HTMLInputElement>, row: number, column: number) => {
    const rows = parseClipboardRows(event.clipboardData.getData('text/plain'));
    if (rows.length === 1 && rows[0]?.length === 1) return;
    event.preventDefault();
    workbook.pasteCells(sheet.name, row, column, rows);
  };

  return (
    <>
      <div
        ref={scroller}
        className="samla-grid-scroller"
        style={{ maxHeight: VIEW_ROWS * ROW_HEIGHT, overflow: 'auto', contain: 'strict', height: VIEW_ROWS * ROW_HEIGHT }}
        onScroll={(event) => setFirstRow(Math.floor(event.currentTarget.scrollTop / ROW_HEIGHT))}
      >
        <table className="samla-grid" aria-label={sheet.name} aria-rowcount={sheet.cells.length}>
          {/* Fixed column widths: the browser lays out a changed cell without measuring every row again. */}
          <colgroup>
            <col style={{ width: 48 }} />
            {sheet.columns.map((column) => (
              <col key={column.key} style={{ width: Math.max(60, Math.round(column.widthPoints * 0.8)) }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th scope="col" aria-label="Rad" />
              {sheet.columns.map((column, index) => (
                <th key={column.key} scope="col">
                  {columnLetters(index + 1)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 && <tr aria-hidden style={{ height: first * ROW_HEIGHT }} />}
            {sheet.cells.slice(first, last).map((cells, offset) => (
              <GridRow
                key={first + offset}
                workbook={workbook}
                sheet={sheet.name}
                columns={sheet.columns}
                row={first + offset + 1}
                cells={cells}
                marks={marks?.get(first + offset + 1)}
                onPaste={onPaste}
              />
            ))}
            {last < sheet.cells.length && <tr aria-hidden style={{ height: (sheet.cells.length - last) * ROW_HEIGHT }} />}
          </tbody>
        </table>
      </div>
      <Choices sheet={sheet.name} columns={sheet.columns} />
    </>
  );
}

/** The dropdowns' choices; they change only with the columns, never with a keystroke. */
const Choices = memo(function Choices({ sheet, columns }: { readonly sheet: string; readonly columns: readonly ColumnLayout[] }) {
  return (
    <>
      {columns.map(
        (column) =>
          column.choices && (
            <datalist key={column.key} id={`samla-list-${sheet}-${column.key}`}>
              {column.choices.map((choice) => (
                <option key={choice} value={choice} />
              ))}
            </datalist>
          ),
      )}
    </>
  );
});

interface GridRowProps {
  readonly workbook: PreviewWorkbook;
  readonly sheet: string;
  readonly columns: readonly ColumnLayout[];
  /** 1-based, as in Excel. */
  readonly row: number;
  readonly cells: readonly string[];
  readonly marks: RowMarks | undefined;
  readonly onPaste: (event: ClipboardEvent<HTMLInputElement>, row: number, column: number) => void;
}

/** One row; drawn again only when its own cells or marks change. */
const GridRow = memo(
  function GridRow({ workbook, sheet, columns, row, cells, marks, onPaste }: GridRowProps) {
    return (
      <tr style={{ height: ROW_HEIGHT }}>
        <th scope="row">{row}</th>
        {cells.map((text, index) => {
          const address = cellName(row, index + 1);
          const column = columns[index];
          return (
            <td key={address} data-mark={marks?.get(index + 1)}>
              <input
                aria-label={`${sheet}!${address}${row > 1 && column ? `, ${column.header}` : ''}`}
                data-cell={address}
                value={text}
                readOnly={row === 1}
                list={row > 1 && column?.choices ? `samla-list-${sheet}-${column.key}` : undefined}
                onChange={(event) => workbook.setCell(sheet, row, index + 1, event.target.value)}
                onPaste={(event) => onPaste(event, row, index + 1)}
              />
            </td>
          );
        })}
      </tr>
    );
  },
  (before, after) => before.cells === after.cells && before.marks === after.marks && before.row === after.row && before.sheet === after.sheet,
);
