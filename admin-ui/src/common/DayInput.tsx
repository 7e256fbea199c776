/**
 * A day field that reads yyyy-mm-dd in every locale (a native date input shows mm/dd/yyyy or
 * 年/月/日 depending on the browser). An incomplete or impossible day is shown as an error on
 * the field; the caller keeps the text and asks dayProblem() before using it.
 */
import { useState } from 'react';
import { TextField, type SxProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import { dayProblem, normalizeDay } from './days';

export const DayInput = ({
  label,
  value,
  onChange,
  testId,
  helperText,
  showErrors,
  required,
  error,
  sx,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  testId?: string;
  helperText?: string;
  /** show a problem even before the field was left (the form was submitted) */
  showErrors?: boolean;
  required?: boolean;
  /** a problem the caller found (e.g. required and empty) */
  error?: boolean;
  sx?: SxProps;
}) => {
  const translate = useTranslate();
  const [left, setLeft] = useState(false);
  const problem = dayProblem(value);
  const shown = problem && (left || showErrors);
  return (
    <TextField
      size="small"
      label={label}
      value={value}
      fullWidth
      required={required}
      sx={sx}
      placeholder={translate('director.forms.dayPlaceholder')}
      onChange={(e) => onChange(e.target.value)}
      onBlur={() => {
        setLeft(true);
        const n = normalizeDay(value);
        if (n !== value) onChange(n);
      }}
      error={!!shown || !!error}
      helperText={shown ? translate(`director.forms.${problem}`) : helperText}
      slotProps={{
        inputLabel: { shrink: true },
        htmlInput: { inputMode: 'numeric', maxLength: 12, 'data-testid': testId, 'aria-invalid': !!shown || !!error },
      }}
    />
  );
};
