// Writes the ExcelJS siblings of make-stream-uploads.py: Samla's own template (stamped, table, lists) filled by ExcelJS
// as a script fills it, with blank rows between, merges and hyperlinks over the data.
// Run from the repository root after `npx tsc -b shared functions`: node tests/functions/workbooks/uploads/stream/make-stream-uploads.js
const path = require('node:path');
const ExcelJS = require('exceljs');
const { buildTemplateWorkbook } = require(path.resolve('functions/dist/src/workbooks/template-workbook.js'));

const day = (text) => new Date(`${text}T00:00:00Z`);

async function main() {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await buildTemplateWorkbook({ template: 'both', board: 'I', year: 2014, language: 'sv' }));
  const activities = workbook.getWorksheet('Aktiviteter');
  const rows = [2, 3, 4, 7, 8, 20, 21, 22];
  for (const [index, row] of rows.entries()) {
    activities.getRow(row).values = [
      `X1-${index + 1}`,
      'Kompetensutveckling',
      'Utbildning',
      `Utbildning ${index + 1}`,
      day('2014-03-01'),
      day('2014-03-02'),
      'Chefer',
      12,
      8,
      0,
      16,
      'Kommun A',
      'Nej',
      null,
      'Genomförd',
      'Alla chefer utbildade',
    ];
  }
  activities.getCell('N2').value = { text: 'Läs mer', hyperlink: 'https://www.jamstall.nu/exempel/x1-1/' };
  activities.getCell('N4').value = { formula: 'HYPERLINK("https://www.jamstall.nu/exempel/x1-3/","X1-3")' };
  activities.getCell('E8').value = null;
  activities.mergeCells('D8:E8');
  activities.mergeCells('B21:B22');
  const expenses = workbook.getWorksheet('Kostnader');
  for (let index = 0; index < 25; index += 1) {
    expenses.getRow(index + 2 + (index >= 10 ? 3 : 0)).values = [
      `X1-K${index + 1}`,
      day('2014-05-02'),
      'Resor',
      'X1-1',
      `Resa ${index + 1}`,
      'SJ',
      100 + index,
      `V-${index + 1}`,
      'Anslag (3:1 ap. 12)',
    ];
  }
  await workbook.xlsx.writeFile(path.join(__dirname, 'x1-template-filled-exceljs.xlsx'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
