"""Writes the stamped upload files the template-stamp tests read, the way openpyxl writes them.

Run with Debian's python3-openpyxl: /usr/bin/python3 make-stamped-uploads.py; then the lo/ copies are re-saved by
LibreOffice: soffice --headless --convert-to xlsx --outdir lo s1-activities-current.xlsx s6-indicators-v2.xlsx
s4-foreign-stamp.xlsx s7-indicators-v1.xlsx
s10-activities-stamped-as-lists.xlsx s11-lists-sheet-beside-activities.xlsx s12-version-0.xlsx s12-version-1.5.xlsx

The stamp is a sheet-scoped defined name Samla_Mall holding a text constant (shared/src/templates/template-stamp.ts).
"""
import datetime as dt

from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName

ACTIVITY_HEADERS = ['Aktivitets-ID', 'Uppdragsdel', 'Aktivitetstyp', 'Rubrik', 'Startdatum', 'Slutdatum', 'Målgrupp',
                    'Deltagare kvinnor', 'Deltagare män', 'Deltagare ej könsuppdelat', 'Omfattning (timmar)',
                    'Samverkanspartner', 'Lärande exempel', 'Länk (Jämställ.nu)', 'Status', 'Resultat', 'Bedömd effekt']
# The test template Resultatindikatorer (tests/functions/third-template/indicators-module.ts) as its versions 1 and
# 2 laid it out (the history the test registers): Indikator-ID was "Indikator", Värde was "Antal", and Aktivitets-ID
# came in version 3.
INDICATOR_HEADERS_V2 = ['Indikator', 'Uppdragsdel', 'Mätdatum', 'Antal']


def activity(identifier):
    return [identifier, 'Samordning', 'Nätverksträff', f'Träff {identifier}', dt.date(2014, 3, 12), dt.date(2014, 3, 12),
            'Handläggare', 12, 5, 0, 3, None, 'Nej', None, 'Genomförd', 'Klart', None]


def new_workbook():
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def sheet(workbook, title, headers, rows, stamp=None):
    worksheet = workbook.create_sheet(title)
    worksheet.append(headers)
    for row in rows:
        worksheet.append(row)
    for cells in worksheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, dt.date):
                cell.number_format = 'yyyy-mm-dd'
    if stamp is not None:
        index = workbook.worksheets.index(worksheet)
        workbook.defined_names.append(DefinedName('Samla_Mall', localSheetId=index, attr_text=f'"{stamp}"'))
    return worksheet


# Today's activities, stamped as today's version, after an unstamped notes sheet.
wb = new_workbook()
sheet(wb, 'Anteckningar', ['Vad', 'Vem'], [['Inlämning', 'Kim']])
sheet(wb, 'Aktiviteter', ACTIVITY_HEADERS, [activity('S1-A'), activity('S1-B')], 'samla:activities:1')
wb.save('s1-activities-current.xlsx')

# The activities stamped sheet renamed by the user to the other template's name: the stamp, not the name, decides.
wb = new_workbook()
sheet(wb, 'Kostnader', ACTIVITY_HEADERS, [activity('S2-A')], 'samla:activities:1')
wb.save('s2-stamped-sheet-renamed.xlsx')

# A version no Samla has made (newer than the current one).
wb = new_workbook()
sheet(wb, 'Aktiviteter', ACTIVITY_HEADERS, [activity('S3-A')], 'samla:activities:7')
wb.save('s3-newer-version.xlsx')

# Another program's mark under Samla's name, on a sheet named like the template.
wb = new_workbook()
sheet(wb, 'Aktiviteter', ACTIVITY_HEADERS, [activity('S4-A')], 'budgetverktyget:aktiviteter:2')
wb.save('s4-foreign-stamp.xlsx')

# An unstamped sheet named like the template holding something else.
wb = new_workbook()
sheet(wb, 'Aktiviteter', ['Namn', 'Adress', 'Telefon', 'Aktivitets-ID'], [['Kim', 'Visby', '0498-123', 'X1']])
wb.save('s5-foreign-headers.xlsx')

# The indicators template in version 2: headers renamed since, Aktivitets-ID not yet there. Read with mapped columns.
wb = new_workbook()
sheet(wb, 'Resultatindikatorer', INDICATOR_HEADERS_V2,
      [['S6-1', 'Samordning', dt.date(2014, 5, 20), 14], ['S6-2', 'Stöd', dt.date(2014, 9, 1), 3]], 'samla:indicators:2')
wb.save('s6-indicators-v2.xlsx')

# The indicators template in version 1: the value's meaning changed in version 2, so it can't be mapped.
wb = new_workbook()
sheet(wb, 'Resultatindikatorer', INDICATOR_HEADERS_V2, [['S7-1', 'Samordning', dt.date(2014, 5, 20), 140]], 'samla:indicators:1')
wb.save('s7-indicators-v1.xlsx')

# A sheet copied in Excel keeps its sheet-scoped stamp: two sheets stamped as today's activities, each with its own
# rows. Neither may be read alone (the other's rows would be dropped without a word).
wb = new_workbook()
sheet(wb, 'Aktiviteter', ACTIVITY_HEADERS, [activity('S8-A')], 'samla:activities:1')
sheet(wb, 'Aktiviteter (2)', ACTIVITY_HEADERS, [activity('S8-B')], 'samla:activities:1')
wb.save('s8-two-stamped-activities.xlsx')

# A stamp that disagrees with the headers: the activities' headers and rows, stamped as the expenses template.
wb = new_workbook()
sheet(wb, 'Aktiviteter', ACTIVITY_HEADERS, [activity('S9-A')], 'samla:expenses:1')
wb.save('s9-stamp-disagrees-with-headers.xlsx')

# The activities sheet, with its headers and rows, stamped as Samla's lists sheet: it is skipped like the lists sheet,
# and the answer names it rather than saying the file has no sheet like a template.
wb = new_workbook()
sheet(wb, 'Aktiviteter', ACTIVITY_HEADERS, [activity('S10-A')], 'samla:lists:1')
wb.save('s10-activities-stamped-as-lists.xlsx')

# Samla's lists sheet (stamped) beside an unstamped activities sheet: the lists sheet is skipped, the activities read.
wb = new_workbook()
sheet(wb, 'Aktiviteter', ACTIVITY_HEADERS, [activity('S11-A')])
sheet(wb, 'Listor', ['Uppdragsdel', 'Aktivitetstyp'], [['Samordning', 'Nätverksträff']], 'samla:lists:1')
wb.save('s11-lists-sheet-beside-activities.xlsx')

# Versions Samla never writes: refused as unknown versions, quoting the stamp, never read as version 1.
for name, version in [('s12-version-0', '0'), ('s12-version-minus-1', '-1'), ('s12-version-1.5', '1.5'), ('s12-version-01', '01')]:
    wb = new_workbook()
    sheet(wb, 'Aktiviteter', ACTIVITY_HEADERS, [activity('S12-A')], f'samla:activities:{version}')
    wb.save(f'{name}.xlsx')
