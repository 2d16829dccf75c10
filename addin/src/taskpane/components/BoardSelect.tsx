import { BOARDS, type BoardCode } from '@samla/shared';
import { Field, Select } from '@fluentui/react-components';

interface BoardSelectProps {
  readonly id: string;
  readonly label: string;
  readonly value: BoardCode;
  readonly disabled?: boolean;
  readonly onChange: (board: BoardCode) => void;
}

/** A choice of county administrative board, by name: the work's board, and the board a dev sign-in is for. */
export function BoardSelect({ id, label, value, disabled = false, onChange }: BoardSelectProps) {
  return (
    <Field label={label}>
      <Select id={id} value={value} disabled={disabled} onChange={(_event, data) => onChange(data.value as BoardCode)}>
        {BOARDS.map((option) => (
          <option key={option.code} value={option.code}>
            {option.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}
