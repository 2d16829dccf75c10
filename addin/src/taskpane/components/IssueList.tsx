import type { Issue, Language } from '@samla/shared';
import type { RefObject } from 'react';
import { Button } from '@fluentui/react-components';
import { issuesBySheet } from '../checking/workbook-check';
import { paneText } from '../i18n/pane-strings';

interface IssueListProps {
  readonly language: Language;
  readonly issues: readonly Issue[];
  readonly onGoTo: (issue: Issue) => void;
  /** Focus lands here after a check that found something: the next thing to do is to fix it. */
  readonly headingRef?: RefObject<HTMLHeadingElement | null>;
}

/** Every issue, grouped by sheet; each is a button that selects its cell. */
export function IssueList({ language, issues, onGoTo, headingRef }: IssueListProps) {
  if (issues.length === 0) return null;
  return (
    <section aria-labelledby="samla-issues-heading" className="samla-issues">
      <h2 id="samla-issues-heading" ref={headingRef} tabIndex={-1}>
        {paneText(language, 'issuesHeading')}
      </h2>
      {issuesBySheet(issues).map(([sheet, sheetIssues]) => (
        <section key={sheet} aria-label={sheet}>
          <h3>
            {sheet} ({sheetIssues.length})
          </h3>
          <ul className="samla-issue-list">
            {sheetIssues.map((issue, index) => (
              <li key={`${issue.cell}-${issue.code}-${index}`} data-severity={issue.severity}>
                <Button
                  appearance="subtle"
                  className="samla-issue"
                  aria-label={`${paneText(language, issue.severity === 'error' ? 'severityError' : 'severityWarning')}: ${issue.message}. ${paneText(language, 'goToCell', { cell: issue.cell })}`}
                  onClick={() => onGoTo(issue)}
                >
                  <span className="samla-issue-severity">{paneText(language, issue.severity === 'error' ? 'severityError' : 'severityWarning')}</span>
                  <span className="samla-issue-message">{issue.message}</span>
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
