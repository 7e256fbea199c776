import { List, DataTable, Edit, Create, SimpleForm, TextInput, SelectInput, required } from 'react-admin';

const LEVELS = [
  { id: 'township', name: '乡镇' },
  { id: 'county', name: '县' },
  { id: 'district', name: '区' },
  { id: 'national', name: '全国' },
];

// by name and level in words; the id is in the edit form
export const TownshipList = () => (
  <List sort={{ field: 'id', order: 'ASC' }}>
    <DataTable rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="name" />
      <DataTable.Col
        source="level"
        render={(r: { level?: string }) => LEVELS.find((l) => l.id === r.level)?.name ?? r.level ?? '—'}
      />
    </DataTable>
  </List>
);

const TownshipForm = ({ creating }: { creating?: boolean }) => (
  <SimpleForm>
    <TextInput source="id" validate={required()} disabled={!creating} />
    <TextInput source="name" validate={required()} />
    <SelectInput source="level" choices={LEVELS} defaultValue="township" />
  </SimpleForm>
);

export const TownshipEdit = () => (
  <Edit mutationMode="pessimistic">
    <TownshipForm />
  </Edit>
);
export const TownshipCreate = () => (
  <Create redirect="list">
    <TownshipForm creating />
  </Create>
);
