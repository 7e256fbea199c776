/** 修改密码: the signed-in user's own password (the current one is required); their other sign-ins end. */
import { Card, CardContent, Typography } from '@mui/material';
import { Form, PasswordInput, SaveButton, Title, required, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { apiCall, fieldErrors } from '../providers/http';

interface Values {
  currentPassword?: string;
  newPassword?: string;
  confirmPassword?: string;
}

export const ChangePassword = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();

  // returning {field: message} shows the messages under the fields (react-admin submission errors)
  const submit = async (values: Values) => {
    if (values.newPassword !== values.confirmPassword) return { confirmPassword: translate('account.mismatch') };
    try {
      await apiCall('/auth/password', {
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      });
    } catch (error) {
      const errors = fieldErrors(error);
      if (errors.length) return Object.fromEntries(errors.map((e) => [e.path.replace(/^\//, ''), e.message]));
      notify((error as Error).message, { type: 'error' });
      return undefined;
    }
    notify('account.changed', { type: 'success' });
    navigate('/');
    return undefined;
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 560 }} data-testid="change-password">
      <Title title={translate('account.changePassword')} />
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('account.hint')}
        </Typography>
        <Form onSubmit={submit as (values: Record<string, unknown>) => Promise<Record<string, string> | undefined>}>
          <PasswordInput
            source="currentPassword"
            label="account.currentPassword"
            validate={required()}
            autoComplete="current-password"
            fullWidth
          />
          <PasswordInput
            source="newPassword"
            label="account.newPassword"
            validate={required()}
            autoComplete="new-password"
            fullWidth
          />
          <PasswordInput
            source="confirmPassword"
            label="account.confirmPassword"
            validate={required()}
            autoComplete="new-password"
            fullWidth
          />
          <SaveButton label="account.submit" icon={<></>} />
        </Form>
      </CardContent>
    </Card>
  );
};
