import { ROLE_DEFINITIONS, ROLES, type BoardCode, type Language, type Role } from '@samla/shared';
import { Button, Field, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { paneText, type PaneStringKey } from '../i18n/pane-strings';
import { BoardSelect } from './BoardSelect';

export function roleText(language: Language, role: Role): string {
  return ROLE_DEFINITIONS[role].label[language];
}

interface SignInPanelProps {
  readonly language: Language;
  readonly mode: 'dev' | 'microsoft';
  readonly busy: boolean;
  readonly onDevSignIn: (role: Role, board: BoardCode | undefined) => void;
  readonly onMicrosoftSignIn: () => void;
}

/** Sign-in: Microsoft's nested app authentication in Excel, a role-and-board form in development. */
export function SignInPanel({ language, mode, busy, onDevSignIn, onMicrosoftSignIn }: SignInPanelProps) {
  const [role, setRole] = useState<Role>('staff');
  const [board, setBoard] = useState<BoardCode>('I');
  const t = (key: PaneStringKey) => paneText(language, key);
  if (mode === 'microsoft') {
    return (
      <section aria-labelledby="samla-signin-heading">
        <h2 id="samla-signin-heading">{t('signInHeading')}</h2>
        <Button appearance="primary" disabled={busy} onClick={onMicrosoftSignIn}>
          {busy ? t('signingIn') : t('microsoftSignIn')}
        </Button>
      </section>
    );
  }
  return (
    <section aria-labelledby="samla-signin-heading">
      <h2 id="samla-signin-heading">{t('signInHeading')}</h2>
      <Field label={t('roleLabel')}>
        <Select id="samla-dev-role" value={role} onChange={(_event, data) => setRole(data.value as Role)}>
          {ROLES.map((option) => (
            <option key={option} value={option}>
              {roleText(language, option)}
            </option>
          ))}
        </Select>
      </Field>
      {role === 'staff' && <BoardSelect id="samla-dev-board" label={t('boardLabel')} value={board} onChange={setBoard} />}
      <Button appearance="primary" disabled={busy} onClick={() => onDevSignIn(role, role === 'staff' ? board : undefined)}>
        {busy ? t('signingIn') : t('devSignIn')}
      </Button>
    </section>
  );
}
