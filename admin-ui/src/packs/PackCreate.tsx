import {
  Create,
  SimpleForm,
  TextInput,
  ReferenceInput,
  SelectInput,
  required,
  useTranslate,
  usePermissions,
  regex,
} from 'react-admin';
import type { SessionUser } from '../providers/http';

/** Create a township pack from a base pack: an empty draft that inherits everything. */
export const PackCreate = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions<SessionUser>();
  return (
    <Create redirect="show" title={translate('packs.create')} mutationMode="pessimistic">
      <SimpleForm defaultValues={{ extends: 'base', townshipId: permissions?.townshipId ?? undefined }}>
        <TextInput
          source="id"
          label={translate('packs.id')}
          validate={[required(), regex(/^[a-z0-9][a-z0-9-]*$/, 'a-z 0-9 -')]}
          helperText="如 zhangzhuang-cadres"
        />
        <TextInput source="name" label={translate('packs.name')} validate={required()} fullWidth />
        <ReferenceInput source="extends" reference="packs">
          <SelectInput label={translate('packs.extends')} optionText="name" validate={required()} />
        </ReferenceInput>
        {permissions?.role === 'admin' ? (
          <ReferenceInput source="townshipId" reference="townships">
            <SelectInput label={translate('packs.township')} optionText="name" validate={required()} />
          </ReferenceInput>
        ) : null}
        <TextInput source="description" label={translate('packs.description')} multiline fullWidth />
      </SimpleForm>
    </Create>
  );
};
