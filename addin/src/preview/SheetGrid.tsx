import { columnLetters } from '@samla/shared';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { cellName, type PreviewSheet, type PreviewWorkbook } from './preview-workbook';

/** An editable grid of the preview workbook's sheets: one tab per sheet, one text input per cell. */
export function SheetGrid({ workbook }: { readonly workbook: PreviewWorkbook }) {
  const state = useSyncExternalStore(workbook.subscribe, workbook.snapshot);
  const gridRef = useRef<HTMLDivElement>(null);
  const sheet = state.sheets.find((candidate) => candidate.name === state.activeSheet) ?? state.sheets[0];
  const selection = state.selection;

  useEffect(() => {
    if (!selection) return;
    const input = gridRef.current?.querySelector<HTMLInputElement>(`input[data-cell="${selection.address}"]`);
    input?.focus();
    input?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [selection]);

  if (!sheet) return <p className="samla-preview-empty">Arbetsboken är tom. Välj Skapa mallar i Samla-panelen.</p>;
  return (
    <div ref={gridRef}>
      <div role="tablist" aria-label="Blad" className="samla-tabs">
        {state.sheets.map((candidate) => (
          <button key={candidate.name} role="tab" aria-selected={candidate.name === sheet.name} onClick={() => workbook.activate(candidate.name)}>
            {candidate.name}
          </button>
        ))}
      </div>
      <SheetTable workbook={workbook} sheet={sheet} marks={state.marks} />
      <button onClick={() => workbook.addRows(sheet.name, 5)}>Lägg till 5 rader</button>
    </div>
  );
}

function SheetTable({
  workbook,
  sheet,
  marks,
}: {
  readonly workbook: PreviewWorkbook;
  readonly sheet: PreviewSheet;
  readonly marks: ReadonlyMap<string, string>;
}) {
  return (
    <>
      <table className="samla-grid" aria-label={sheet.name}>
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
          {sheet.cells.map((cells, rowIndex) => (
            <tr key={rowIndex}>
              <th scope="row">{rowIndex + 1}</th>
              {cells.map((text, columnIndex) => {
                const address = cellName(rowIndex + 1, columnIndex + 1);
                const column = sheet.columns[columnIndex];
                return (
                  <td
                    key={address}
                    data-mark={marks.get(`${sheet.name}!${address}`)}
                    style={{ minWidth: column ? Math.round(column.widthPoints * 0.8) : undefined }}
                  >
                    <input
                      aria-label={`${sheet.name}!${address}${rowIndex > 0 && column ? `, ${column.header}` : ''}`}
                      data-cell={address}
                      value={text}
                      readOnly={rowIndex === 0}
                      list={rowIndex > 0 && column?.choices ? `samla-list-${sheet.name}-${column.key}` : undefined}
                      onChange={(event) => workbook.setCell(sheet.name, rowIndex + 1, columnIndex + 1, event.target.value)}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {sheet.columns.map(
        (column) =>
          column.choices && (
            <datalist key={column.key} id={`samla-list-${sheet.name}-${column.key}`}>
              {column.choices.map((choice) => (
                <option key={choice} value={choice} />
              ))}
            </datalist>
          ),
      )}
    </>
  );
}
