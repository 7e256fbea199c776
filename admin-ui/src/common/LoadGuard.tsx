/**
 * Inside a Show/Edit: when the record could not be loaded, say why instead of an empty page.
 * On 403, authProvider.checkError keeps the user logged in and react-admin resolves the query
 * with an empty record (no id): that is "forbidden" here.
 */
import type { ReactNode } from 'react';
import { Alert } from '@mui/material';
import { useEditContext, useShowContext, useTranslate } from 'react-admin';

const Guard = ({
  error,
  record,
  children,
}: {
  error: unknown;
  record: { id?: unknown } | undefined;
  children: ReactNode;
}) => {
  const translate = useTranslate();
  if (error || (record && record.id === undefined)) {
    return (
      <Alert severity="error" data-testid="load-error" sx={{ m: 2 }}>
        {(error as Error | undefined)?.message || translate('app.forbidden')}
      </Alert>
    );
  }
  return record ? <>{children}</> : null;
};

export const ShowGuard = ({ children }: { children: ReactNode }) => {
  const { error, record } = useShowContext();
  return (
    <Guard error={error} record={record}>
      {children}
    </Guard>
  );
};

export const EditGuard = ({ children }: { children: ReactNode }) => {
  const { error, record } = useEditContext();
  return (
    <Guard error={error} record={record}>
      {children}
    </Guard>
  );
};
