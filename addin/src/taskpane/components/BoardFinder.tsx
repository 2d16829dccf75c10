import type { BoardCode, Language } from '@samla/shared';
import { Combobox, Field, Option } from '@fluentui/react-components';
import { useState } from 'react';
import { boardsMatching } from '../views/board-search';
import { translator } from './pane-props';

/** The board picker: type part of a county's name, choose, and the board's submission opens. */
export function BoardFinder({ language, onOpen }: { readonly language: Language; readonly onOpen: (board: BoardCode) => void }) {
  const t = translator(language);
  const [query, setQuery] = useState('');
  const matches = boardsMatching(query);
  return (
    <Field label={t('boardFind')}>
      <Combobox
        freeform
        placeholder={t('boardFindPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onOptionSelect={(_event, data) => {
          if (data.optionValue) onOpen(data.optionValue as BoardCode);
        }}
      >
        {matches.map((board) => (
          <Option key={board.code} value={board.code} text={board.county}>
            {board.county}
          </Option>
        ))}
        {matches.length === 0 && (
          <Option key="none" value="" text="" disabled>
            {t('boardFindNone')}
          </Option>
        )}
      </Combobox>
    </Field>
  );
}
