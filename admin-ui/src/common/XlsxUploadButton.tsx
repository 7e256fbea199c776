/** A button that opens the file chooser for one .xlsx; the same file may be chosen again after a refusal. */
import type { ReactNode } from 'react';
import { Button } from '@mui/material';
import UploadIcon from '@mui/icons-material/Upload';

const XLSX_TYPES = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const XlsxUploadButton = ({
  children,
  onFile,
  disabled,
  variant = 'outlined',
  testId,
}: {
  children: ReactNode;
  onFile: (file: File) => void;
  disabled?: boolean;
  variant?: 'outlined' | 'contained';
  testId: string;
}) => (
  <Button component="label" variant={variant} startIcon={<UploadIcon />} disabled={disabled}>
    {children}
    <input
      type="file"
      hidden
      accept={XLSX_TYPES}
      data-testid={testId}
      onChange={(e) => {
        const file = e.target.files?.[0];
        // cleared so that choosing the same file again (after fixing it) fires a change
        e.target.value = '';
        if (file) onFile(file);
      }}
    />
  </Button>
);
