"""Writes the upload files the streaming tests read (upload-streaming.test.ts), the way openpyxl writes them.

Run with Debian's python3-openpyxl: /usr/bin/python3 make-stream-uploads.py, then re-save them with LibreOffice:
soffice --headless --convert-to xlsx --outdir lo t1-header-row-4-blank-rows.xlsx t2-table-totals-links.xlsx
(ExcelJS's siblings, x*.xlsx, are written by make-stream-uploads.js.)
"""
import datetime as dt

from openpyxl import Workbook
from openpyxl.worksheet.table import Table

ACTIVITY_HEADERS = ['Aktivitets-ID', 'Uppdragsdel', 'Aktivitetstyp', 'Rubrik', 'Startdatum', 'Slutdatum', 'Målgrupp',
                    'Deltagare kvinnor', 'Deltagare män', 'Deltagare ej könsuppdelat', 'Omfattning (timmar)',
                    'Samverkanspartner', 'Lärande exempel', 'Länk (Jämställ.nu)', 'Status', 'Resultat', 'Bedömd effekt']
EXPENSE_HEADERS = ['Kostnads-ID', 'Bokföringsdatum', 'Kostnadsslag', 'Aktivitets-ID', 'Beskrivning', 'Leverantör',
                   'Belopp (kr exkl. moms)', 'Verifikationsnummer', 'Finansiering']


def activity(identifier, day, link=None):
    return [identifier, 'Samordning', 'Nätverksträff', f'Träff {identifier}', day, day, 'Handläggare', 12, 5, 0, 3,
            None, 'Nej', link, 'Genomförd', 'Klart', None]


def expense(identifier, day, amount):
    return [identifier, day, 'Resor', None, f'Resa {identifier}', None, amount, f'V-{identifier}', 'Anslag (3:1 ap. 12)']


def dated(worksheet, first_row):
    for cells in worksheet.iter_rows(min_row=first_row):
        for cell in cells:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = 'yyyy-mm-dd'


# A title above, the header on row 4 from column B, blank rows between the data rows, a merge over data (two cells
# of one row and a strand of two rows), hyperlinks in the URL column (friendly text, a link with a place) and a
# HYPERLINK formula; a row far below.
wb = Workbook()
ws = wb.active
ws.title = 'Aktiviteter'
ws['B1'] = 'Aktiviteter 2014'
ws['B2'] = 'Fyll i från rad 5'
for index, name in enumerate(ACTIVITY_HEADERS):
    ws.cell(row=4, column=2 + index, value=name)
rows = {5: activity('T1-1', dt.datetime(2014, 3, 1), 'Läs mer'), 6: activity('T1-2', dt.datetime(2014, 3, 2)),
        9: activity('T1-3', dt.datetime(2014, 3, 3)), 10: activity('T1-4', dt.datetime(2014, 3, 4)),
        11: activity('T1-5', dt.datetime(2014, 3, 5)), 40: activity('T1-6', dt.datetime(2014, 3, 6))}
for row, values in rows.items():
    for index, value in enumerate(values):
        ws.cell(row=row, column=2 + index, value=value)
ws['O6'] = '=HYPERLINK("https://www.jamstall.nu/exempel/t1-2/","T1-2")'
ws['O5'].hyperlink = 'https://www.jamstall.nu/exempel/t1-1/'
ws['O9'] = 'Exempel'
ws['O9'].hyperlink = 'https://www.jamstall.nu/exempel/t1-3/#del-2'
ws['E10'] = None
ws.merge_cells('D10:E10')
ws['C12'] = None
ws.merge_cells('C11:C12')
dated(ws, 5)
wb.save('t1-header-row-4-blank-rows.xlsx')

# A table with a totals row and links, beside a table without header row on another sheet.
wb = Workbook()
ws = wb.active
ws.title = 'Kostnader'
ws.append(EXPENSE_HEADERS)
for index in range(1, 31):
    ws.append(expense(f'T2-{index}', dt.datetime(2014, 5, index), 100 * index))
ws.append(['Summa', None, None, None, None, None, '=SUBTOTAL(109,[Belopp (kr exkl. moms)])', None, None])
ws['E3'].hyperlink = 'https://example.org/kvitto/T2-2'
table = Table(displayName='Kostnader1', ref='A1:I32', totalsRowCount=1)
table._initialise_columns()
for column, name in zip(table.tableColumns, EXPENSE_HEADERS):
    column.name = name
table.tableColumns[0].totalsRowLabel = 'Summa'
table.tableColumns[6].totalsRowFunction = 'sum'
ws.add_table(table)
dated(ws, 2)
ws = wb.create_sheet('Blad2')
ws['A1'] = 'Aktiviteter 2014'
for row in range(3, 23):
    for index, value in enumerate(activity(f'T2-A{row}', dt.datetime(2014, 4, row))):
        ws.cell(row=row, column=1 + index, value=value)
table = Table(displayName='Aktiviteter2', ref='A3:Q22', headerRowCount=0)
table._initialise_columns()
for column, name in zip(table.tableColumns, ACTIVITY_HEADERS):
    column.name = name
ws.add_table(table)
dated(ws, 3)
wb.save('t2-table-totals-links.xlsx')
