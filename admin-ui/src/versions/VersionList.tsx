import { Title, useTranslate } from 'react-admin';
import { Button, Stack } from '@mui/material';
import { Link } from 'react-router-dom';
import CompareIcon from '@mui/icons-material/CompareArrows';
import { PackScoped } from '../common/PackScoped';
import { VersionHistory } from './VersionHistory';

export const VersionList = () => {
  const translate = useTranslate();
  return (
    <>
      <Title title={translate('versions.title')} />
      <PackScoped>
        {(packId) => (
          <Stack spacing={2}>
            <Button
              component={Link}
              to={`/diff/${encodeURIComponent(packId)}`}
              startIcon={<CompareIcon />}
              variant="outlined"
              sx={{ alignSelf: 'flex-start' }}
            >
              {translate('versions.compare')}
            </Button>
            <VersionHistory packId={packId} />
          </Stack>
        )}
      </PackScoped>
    </>
  );
};
