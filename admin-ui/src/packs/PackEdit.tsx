import { EditGuard } from '../common/LoadGuard';
import { useLoadErrorOptions } from '../common/loadErrors';
import { Edit, SimpleForm, TextInput, required, useTranslate } from 'react-admin';

export const PackEdit = () => {
  const translate = useTranslate();
  return (
    <Edit mutationMode="pessimistic" redirect="show" queryOptions={useLoadErrorOptions('packs')}>
      <EditGuard>
        <SimpleForm>
          <TextInput source="name" label={translate('packs.name')} validate={required()} fullWidth />
          <TextInput source="description" label={translate('packs.description')} multiline fullWidth />
        </SimpleForm>
      </EditGuard>
    </Edit>
  );
};
