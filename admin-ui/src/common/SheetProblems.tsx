/** The problems of a refused sheet (422 SHEET_INVALID) as a table: 工作表, 行, 列, 问题. */
import { useLocaleState, useTranslate } from 'react-admin';
import { Alert, Button, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { SheetProblem } from '../../../engine/sheets/wire.js';
import type { UploadFailure } from './sheetFiles';

export const SheetProblemsTable = ({ problems }: { problems: SheetProblem[] }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Table size="small" data-testid="sheet-problems" sx={{ mt: 1, bgcolor: 'background.paper' }}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('sheets.sheet')}</TableCell>
          <TableCell>{translate('sheets.row')}</TableCell>
          <TableCell>{translate('sheets.column')}</TableCell>
          <TableCell>{translate('sheets.problem')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {problems.map((p, i) => (
          <TableRow key={i} data-testid={`sheet-problem-${i}`}>
            <TableCell>{p.sheet}</TableCell>
            <TableCell>{p.row === 0 ? translate('sheets.wholeFile') : p.row}</TableCell>
            <TableCell>{p.column === '' ? (p.row === 0 ? '—' : translate('sheets.wholeRow')) : p.column}</TableCell>
            <TableCell>{locale === 'en' ? p.message : (p.messageZh ?? p.message)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** A refused upload: problems table, reload prompt (409), too large (413), or the API's message. */
export const UploadFailureView = ({ failure, onReload }: { failure: UploadFailure; onReload?: () => void }) => {
  const translate = useTranslate();
  switch (failure.kind) {
    case 'problems':
      return (
        <Alert severity="error" sx={{ mt: 1.5, '& .MuiAlert-message': { width: '100%' } }} data-testid="upload-error">
          {failure.message}
          <SheetProblemsTable problems={failure.problems} />
        </Alert>
      );
    case 'conflict':
      return (
        <Alert
          severity="warning"
          sx={{ mt: 1.5 }}
          data-testid="upload-error"
          action={
            onReload ? (
              <Button color="inherit" size="small" onClick={onReload} data-testid="reload-after-conflict">
                {translate('sheets.reload')}
              </Button>
            ) : undefined
          }
        >
          {translate('sheets.conflict')}
        </Alert>
      );
    case 'tooLarge':
      return (
        <Alert severity="error" sx={{ mt: 1.5 }} data-testid="upload-error">
          {translate('sheets.tooLarge')}
        </Alert>
      );
    default:
      return (
        <Alert severity="error" sx={{ mt: 1.5 }} data-testid="upload-error">
          {failure.message}（{translate('app.saveNothing')}）
          {failure.details.length > 0 && (
            <ul style={{ margin: 0 }}>
              {failure.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
        </Alert>
      );
  }
};
