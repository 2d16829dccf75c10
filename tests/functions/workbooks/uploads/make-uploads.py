"""Writes the sibling upload files the upload-reader tests read, the way other programs write them.

Run with Debian's python3-openpyxl: /usr/bin/python3 make-uploads.py (then lo-*.xlsx are re-saved by LibreOffice:
soffice --headless --convert-to xlsx --outdir lo o2-datetimes-late.xlsx o4-merge-whole-row.xlsx o11-long-numbers-openpyxl.xlsx).
"""
import datetime as dt
import re
import zipfile

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table

ACTIVITY_HEADERS = ['Aktivitets-ID', 'Uppdragsdel', 'Aktivitetstyp', 'Rubrik', 'Startdatum', 'Slutdatum', 'Målgrupp',
                    'Deltagare kvinnor', 'Deltagare män', 'Deltagare ej könsuppdelat', 'Omfattning (timmar)',
                    'Samverkanspartner', 'Lärande exempel', 'Länk (Jämställ.nu)', 'Status', 'Resultat', 'Bedömd effekt']
EXPENSE_HEADERS = ['Kostnads-ID', 'Bokföringsdatum', 'Kostnadsslag', 'Aktivitets-ID', 'Beskrivning', 'Leverantör',
                   'Belopp (kr exkl. moms)', 'Verifikationsnummer', 'Finansiering']


def activity(identifier, start, end, link=None):
    return [identifier, 'Samordning', 'Nätverksträff', f'Träff {identifier}', start, end, 'Handläggare', 12, 5, 0, 3,
            None, 'Nej', link, 'Genomförd', 'Klart', None]


def expense(identifier, date, amount):
    return [identifier, date, 'Resor', None, f'Resa {identifier}', None, amount, f'V-{identifier}', 'Anslag (3:1 ap. 12)']


def sheet(workbook, title, headers, rows, date_format='yyyy-mm-dd'):
    worksheet = workbook.create_sheet(title)
    worksheet.append(headers)
    for row in rows:
        worksheet.append(row)
    for cells in worksheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = date_format
    return worksheet


def new_workbook():
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


# 1904 date system, set by openpyxl (date1904="1"), with times late in the day.
wb = new_workbook()
wb.epoch = CALENDAR_MAC_1904
sheet(wb, 'Aktiviteter', ACTIVITY_HEADERS, [activity('O1-A', dt.datetime(2014, 3, 12, 23, 59, 59), dt.datetime(2014, 6, 30, 12, 0))],
      'yyyy-mm-dd hh:mm')
wb.save('o1-date1904-openpyxl.xlsx')

# Datetimes late in the day in the 1900 system, shown as dates only.
wb = new_workbook()
sheet(wb, 'Kostnader', EXPENSE_HEADERS, [
    expense('O2-1', dt.datetime(2014, 3, 12, 18, 0), 100),
    expense('O2-2', dt.datetime(2014, 12, 31, 23, 59, 59, 900000), 200),
    expense('O2-3', dt.datetime(2014, 1, 1, 12, 0), 300),
])
wb.save('o2-datetimes-late.xlsx')

# Total Row written by openpyxl: the table's last row sums the amounts.
wb = new_workbook()
ws = sheet(wb, 'Kostnader', EXPENSE_HEADERS, [expense('O3-1', dt.datetime(2014, 5, 1), 100), expense('O3-2', dt.datetime(2014, 5, 2), 250)])
ws.append(['Summa', None, None, None, None, None, '=SUBTOTAL(109,[Belopp (kr exkl. moms)])', None, None])
table = Table(displayName='Kostnader1', ref='A1:I4', totalsRowCount=1)
table._initialise_columns()
for column, name in zip(table.tableColumns, EXPENSE_HEADERS):
    column.name = name
table.tableColumns[0].totalsRowLabel = 'Summa'
table.tableColumns[6].totalsRowFunction = 'sum'
ws.add_table(table)
wb.save('o3-totals-row-openpyxl.xlsx')

# A table with its header row switched off: its headers are its column names; data from row 3 (a title above).
wb = new_workbook()
ws = wb.create_sheet('Blad1')
ws['A1'] = 'Kostnader 2014'
ws.append([])
for row in [expense('O3B-1', dt.datetime(2014, 5, 1), 100), expense('O3B-2', dt.datetime(2014, 5, 2), 250)]:
    ws.append(row)
for cells in ws.iter_rows(min_row=3):
    cells[1].number_format = 'yyyy-mm-dd'
table = Table(displayName='Kostnader2', ref='A3:I4', headerRowCount=0)
table._initialise_columns()
for column, name in zip(table.tableColumns, EXPENSE_HEADERS):
    column.name = name
ws.add_table(table)
wb.save('o3b-table-without-header-row.xlsx')

# A merge over a whole row below the data, and one over the strand of two rows.
wb = new_workbook()
ws = sheet(wb, 'Aktiviteter', ACTIVITY_HEADERS, [activity('O4-1', dt.datetime(2014, 3, 1), dt.datetime(2014, 3, 2)),
                                                  activity('O4-2', dt.datetime(2014, 3, 3), dt.datetime(2014, 3, 4))])
ws['B3'] = None
ws.merge_cells('B2:B3')
ws.merge_cells('A10:XFD10')
wb.save('o4-merge-whole-row.xlsx')

# A merge over the whole sheet, beside the data sheet (openpyxl itself would build every covered cell: patched in).
wb = new_workbook()
sheet(wb, 'Aktiviteter', ACTIVITY_HEADERS, [activity('O4B-1', dt.datetime(2014, 3, 1), dt.datetime(2014, 3, 2))])
wb.create_sheet('Allt')['A1'] = 'x'
wb.save('o4b-source.xlsx')

# Defined names over the whole sheet, many times.
wb = new_workbook()
sheet(wb, 'Aktiviteter', ACTIVITY_HEADERS, [activity('O5-1', dt.datetime(2014, 3, 1), dt.datetime(2014, 3, 2))])
for index in range(40):
    wb.defined_names.append(DefinedName(f'Allt{index}', attr_text='Aktiviteter!$A$1:$XFD$1048576'))
wb.save('o5-defined-names-whole-sheet.xlsx')

# Hyperlinks made with openpyxl: friendly text in the URL column, and a link on the title (which stays text).
wb = new_workbook()
ws = sheet(wb, 'Aktiviteter', ACTIVITY_HEADERS, [activity('O7-1', dt.datetime(2014, 3, 1), dt.datetime(2014, 3, 2), 'Läs mer'),
                                                  activity('O7-2', dt.datetime(2014, 3, 1), dt.datetime(2014, 3, 2))])
ws['N2'].hyperlink = 'https://www.jamstall.nu/exempel/o7/'
ws['D2'].hyperlink = 'https://example.org/rubrik'
ws['N3'] = '=HYPERLINK("https://www.jamstall.nu/exempel/o7b/","Exempel")'
wb.save('o7-hyperlinks-openpyxl.xlsx')

# ISO dates (t="d") with a time late in the day.
wb = new_workbook()
wb.iso_dates = True
sheet(wb, 'Kostnader', EXPENSE_HEADERS, [expense('O9-1', dt.datetime(2014, 12, 31, 18, 0), 100), expense('O9-2', dt.datetime(2014, 3, 12), 200)])
wb.save('o9-iso-dates.xlsx')


def patched(source, target, replace):
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith('.xml') or item.filename.endswith('.rels'):
                data = replace(item.filename, data.decode('utf-8')).encode('utf-8')
            zout.writestr(item, data)


# A row numbered 1 048 577, one past Excel's last row; and a cell past column XFD.
patched('o2-datetimes-late.xlsx', 'o6-row-1048577.xlsx',
        lambda name, xml: xml.replace('<row r="4"', '<row r="1048577"').replace('r="A4"', 'r="A1048577"') if 'sheet' in name else xml)
patched('o2-datetimes-late.xlsx', 'o6b-column-past-xfd.xlsx',
        lambda name, xml: xml.replace('r="I4"', 'r="XFE4"') if 'sheet' in name else xml)

# Strict Open XML: the same workbook in the purl.oclc.org namespaces (as Excel's "Strict Open XML Spreadsheet" writes).
STRICT = [
    ('http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'),
    ('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships'),
]


def strict(name, xml):
    for transitional, purl in STRICT:
        xml = xml.replace(transitional, purl)
    return xml


patched('o2-datetimes-late.xlsx', 'o10-strict.xlsx', strict)


def merge_everything(name, xml):
    if not name.startswith('xl/worksheets/'):
        return xml
    ref = 'R1:XFD1048576' if name.endswith('sheet1.xml') else 'A1:XFD1048576'
    merge = f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'
    return xml.replace('</sheetData>', '</sheetData>' + merge, 1)


patched('o4b-source.xlsx', 'o4b-merge-whole-sheet.xlsx', merge_everything)
patched('o1-date1904-openpyxl.xlsx', 'o10b-strict-1904-true.xlsx',
        lambda name, xml: re.sub(r'date1904="[^"]*"', 'date1904="true"', strict(name, xml)))

# date1904 in other spellings xsd:boolean allows, and an explicit false.
patched('o1-date1904-openpyxl.xlsx', 'o1b-date1904-spaced-true.xlsx',
        lambda name, xml: re.sub(r'date1904="[^"]*"', 'date1904=" true "', xml) if name == 'xl/workbook.xml' else xml)
patched('o2-datetimes-late.xlsx', 'o2b-date1904-false.xlsx',
        lambda name, xml: xml.replace('<workbookPr', '<workbookPr date1904="false"', 1) if name == 'xl/workbook.xml' else xml)

# An ISO date cell whose text is no date.
patched('o9-iso-dates.xlsx', 'o9b-iso-date-not-a-date.xlsx',
        lambda name, xml: xml.replace('2014-03-12T00:00:00', 'i morgon') if 'sheet' in name else xml)

# Overlapping merges over the data, which Excel calls damaged: each would cover the same cells again.
patched('o2-datetimes-late.xlsx', 'o4c-overlapping-merges.xlsx',
        lambda name, xml: xml.replace('</sheetData>', '</sheetData><mergeCells count="200">'
                                      + ''.join(f'<mergeCell ref="A{1 + i % 2}:I1048576"/>' for i in range(200))
                                      + '</mergeCells>', 1) if 'sheet' in name else xml)

# Amounts as a script writes them: a whole number beyond 2^53 spelled out in full, and a decimal with three decimals
# (messages must quote the first exactly and write the second each language's way). LibreOffice's copy: lo/.
wb = new_workbook()
sheet(wb, 'Kostnader', EXPENSE_HEADERS, [
    expense('O11-1', dt.datetime(2014, 3, 12), 9007199254740993),
    expense('O11-2', dt.datetime(2014, 3, 13), 1234.567),
])
wb.save('o11-long-numbers-openpyxl.xlsx')
