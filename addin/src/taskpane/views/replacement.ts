/**
 * Far fewer rows: less than half the current version's rows and at least two fewer. Replacing ten rows with one by
 * accident is the mistake issue 11 names; the pane shows what would be replaced and asks first.
 */
export const isFarFewer = (current: number, next: number): boolean => next < current / 2 && current - next >= 2;
