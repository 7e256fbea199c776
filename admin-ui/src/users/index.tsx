import PeopleIcon from '@mui/icons-material/People';
import {
  List, DataTable, Edit, Create, SimpleForm, TextInput, SelectInput, ReferenceInput, ReferenceField, PasswordInput, required, useTranslate,
} from 'react-admin';

const ROLES = ['admin', 'director', 'tester', 'viewer'];

const useRoleChoices = () => {
  const translate = useTranslate();
  return ROLES.map((r) => ({ id: r, name: translate(`app.rolesLabel.${r}`) }));
};

const UserList = () => {
  const translate = useTranslate();
  return (
    <List sort={{ field: 'username', order: 'ASC' }}>
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="username" />
        <DataTable.Col source="displayName" />
        <DataTable.Col source="role" render={(r: { role: string }) => translate(`app.rolesLabel.${r.role}`)} />
        <DataTable.Col source="townshipId"><ReferenceField source="townshipId" reference="townships" link={false} emptyText="—" /></DataTable.Col>
      </DataTable>
    </List>
  );
};

const UserForm = ({ creating }: { creating?: boolean }) => {
  const roles = useRoleChoices();
  return (
    <SimpleForm>
      <TextInput source="username" validate={required()} disabled={!creating} />
      <TextInput source="displayName" />
      <SelectInput source="role" choices={roles} validate={required()} />
      <ReferenceInput source="townshipId" reference="townships"><SelectInput optionText="name" /></ReferenceInput>
      <PasswordInput source="password" validate={creating ? required() : undefined} />
    </SimpleForm>
  );
};

const UserEdit = () => <Edit mutationMode="pessimistic"><UserForm /></Edit>;
const UserCreate = () => <Create redirect="list"><UserForm creating /></Create>;

export default { list: UserList, edit: UserEdit, create: UserCreate, icon: PeopleIcon, recordRepresentation: 'username' };
