/** Page header for screens about the current pack: the pack selector, or a hint when there is none. */
import type { ReactNode } from 'react';
import { Alert, Box, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { PackSelector, useCurrentPack } from './currentPack';

export const PackScoped = ({ children, extra }: { children: (packId: string) => ReactNode; extra?: ReactNode }) => {
  const translate = useTranslate();
  const { packId, packs, isPending } = useCurrentPack();
  return (
    <Box sx={{ mt: 1 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
        <PackSelector />
        {extra}
      </Stack>
      {!isPending && packs && packs.length === 0 && <Alert severity="info">{translate('app.noPack')}</Alert>}
      {packId ? children(packId) : null}
    </Box>
  );
};
