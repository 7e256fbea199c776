/** The decision a sheet is for, by its Chinese (or English) title. */
import { useLocaleState, useTranslate } from 'react-admin';
import { MenuItem, TextField } from '@mui/material';
import { decisionList, decisionTitle } from './schemaCatalog';

export const DecisionSelect = ({
  value,
  onChange,
  disabled,
  testId,
}: {
  value: string;
  onChange: (decision: string) => void;
  disabled?: boolean;
  testId: string;
}) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <TextField
      select
      size="small"
      label={translate('app.decision')}
      value={value}
      sx={{ width: 220 }}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value)}
      disabled={disabled}
    >
      {decisionList.map((d) => (
        <MenuItem key={d.id} value={d.id}>
          {decisionTitle(d.id, locale)}
        </MenuItem>
      ))}
    </TextField>
  );
};
