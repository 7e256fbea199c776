import { Box } from '@mui/material';
import {
  List,
  DataTable,
  Edit,
  Create,
  SimpleForm,
  TextInput,
  SelectInput,
  ReferenceInput,
  ReferenceField,
  PasswordInput,
  BooleanInput,
  FormDataConsumer,
  required,
  useTranslate,
} from 'react-admin';
import { LockStatus, UnlockButton } from './UnlockButton';

const ROLES = ['admin', 'director', 'tester', 'viewer'];

const useRoleChoices = () => {
  const translate = useTranslate();
  return ROLES.map((r) => ({ id: r, name: translate(`app.rolesLabel.${r}`) }));
};

export const UserList = () => {
  const translate = useTranslate();
  return (
    <List sort={{ field: 'username', order: 'ASC' }}>
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="username" />
        <DataTable.Col source="displayName" />
        <DataTable.Col source="role" render={(r: { role: string }) => translate(`app.rolesLabel.${r.role}`)} />
        <DataTable.Col source="townshipId">
          <ReferenceField source="townshipId" reference="townships" link={false} emptyText="—" />
        </DataTable.Col>
        <DataTable.Col
          source="canApprove"
          label={translate('adoption.users.canApprove')}
          render={(r: { canApprove?: boolean }) => (r.canApprove ? `✓ ${translate('app.yes')}` : '')}
        />
        <DataTable.Col source="lockedUntil" label={translate('account.status')} disableSort>
          <LockStatus /> <UnlockButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};

const UserForm = ({ creating }: { creating?: boolean }) => {
  const roles = useRoleChoices();
  const translate = useTranslate();
  return (
    <SimpleForm>
      <TextInput source="username" validate={required()} disabled={!creating} />
      <TextInput source="displayName" />
      <SelectInput source="role" choices={roles} validate={required()} />
      <ReferenceInput source="townshipId" reference="townships">
        <SelectInput optionText="name" />
      </ReferenceInput>
      {/* admins are not approvers: they publish without approval only with a stated reason */}
      <FormDataConsumer>
        {({ formData }) =>
          formData?.role === 'admin' ? null : (
            <BooleanInput
              source="canApprove"
              label={translate('adoption.users.canApprove')}
              helperText={translate('adoption.users.canApproveHelp')}
            />
          )
        }
      </FormDataConsumer>
      <PasswordInput
        source="password"
        validate={creating ? required() : undefined}
        autoComplete="new-password"
        helperText={creating ? undefined : translate('account.passwordHelp')}
      />
      {!creating && (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <LockStatus />
          <UnlockButton />
        </Box>
      )}
    </SimpleForm>
  );
};

/** an admin's record never claims canApprove (the API refuses it) */
const noAdminApprover = (data: Record<string, unknown>) =>
  data.role === 'admin' ? { ...data, canApprove: false } : data;

export const UserEdit = () => (
  <Edit mutationMode="pessimistic" transform={noAdminApprover}>
    <UserForm />
  </Edit>
);
export const UserCreate = () => (
  <Create redirect="list" transform={noAdminApprover}>
    <UserForm creating />
  </Create>
);
