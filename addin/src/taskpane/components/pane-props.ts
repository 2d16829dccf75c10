import type { Language, Year } from '@samla/shared';
import type { Me, SamlaApi } from '../api/samla-api';
import type { WorkbookPort } from '../excel/workbook-port';
import { paneText, type PaneStringKey } from '../i18n/pane-strings';
import type { InitiativeView } from '../views/initiative-view';
import type { PaneWork } from './pane-work';

/** What the shell hands each role's pane: the signed-in user, the API, the initiative and year, and the work area. */
export interface RolePaneProps {
  readonly api: SamlaApi;
  readonly language: Language;
  readonly me: Me;
  readonly initiative: InitiativeView;
  readonly year: Year;
  readonly work: PaneWork;
  readonly port: WorkbookPort;
  /** In the browser preview a report is downloaded instead of opened in Excel. */
  readonly preview: boolean;
}

export type Translate = (key: PaneStringKey, params?: Readonly<Record<string, string | number>>) => string;

export const translator =
  (language: Language): Translate =>
  (key, params = {}) =>
    paneText(language, key, params);
