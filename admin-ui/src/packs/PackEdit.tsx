import { Edit, SimpleForm, TextInput, required, useTranslate } from 'react-admin';

export const PackEdit = () => {
  const translate = useTranslate();
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <TextInput source="name" label={translate('packs.name')} validate={required()} fullWidth />
        <TextInput source="description" label={translate('packs.description')} multiline fullWidth />
      </SimpleForm>
    </Edit>
  );
};
