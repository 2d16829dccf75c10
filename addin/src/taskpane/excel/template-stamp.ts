/**
 * The template stamp (a sheet-scoped defined name `Samla_Mall` holding `="samla:activities:1"`) and the templates'
 * layout versions live once in shared (shared/src/templates/template-stamp.ts), which the server's template writer
 * and the upload reader read too; the add-in's Office.js part (excel-workbook.ts) writes and reads it through these.
 */
export { STAMP_NAME, TEMPLATE_VERSIONS, parseStamp, stampFormula, type Stamp, type StampKind } from '@samla/shared';
