/**
 * 导入/导出: download a pack (version in force, a version, or the draft) as one JSON file in the
 * rules/<pack>/ bundle format; import such a file as a new pack or as the new draft of an
 * existing one; create a township pack from a base pack.
 */
import { useState } from 'react';
import { Title, useTranslate, useNotify, useRedirect } from 'react-admin';
import { Alert, Box, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import DownloadIcon from '@mui/icons-material/Download';
import UploadIcon from '@mui/icons-material/Upload';
import AddIcon from '@mui/icons-material/Add';
import { apiCall, apiMessage, type ApiErrorBody } from '../providers/http';
import { fetchFile, saveBlob } from '../common/sheetFiles';
import { useCurrentPack } from '../common/currentPack';

export async function downloadExport(packId: string, version?: string) {
  const { blob, headers } = await fetchFile(
    `/packs/${encodeURIComponent(packId)}/export${version ? `?version=${encodeURIComponent(version)}` : ''}`,
  );
  const label = headers.get('X-Pack-Version') ?? version ?? 'draft';
  saveBlob(blob, `${packId}-${label}.json`);
}

export const ImportExport = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const { packId, packs } = useCurrentPack();
  const [exportPack, setExportPack] = useState<string>('');
  const [which, setWhich] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const selected = exportPack || packId || '';

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const bundle = JSON.parse(await file.text());
      const result = await apiCall<{ created: boolean; pack: { id: string } }>('/packs/import', { body: { bundle } });
      notify('importExport.imported', { type: 'success', messageArgs: { id: result.pack.id } });
      redirect('show', 'packs', result.pack.id);
    } catch (caught) {
      // an HttpError from the data provider, or anything else thrown
      const e = caught as { message: string; body?: unknown };
      const body = e?.body as ApiErrorBody | undefined;
      const details = (body?.errors ?? [])
        .slice(0, 8)
        .map((x) => `${x.file ? `${x.file} ` : ''}${x.path} ${x.messageZh ?? x.message}`);
      setError([apiMessage(body, e?.message), ...details].join('\n'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('importExport.title')} />
      <Stack spacing={2} sx={{ maxWidth: 760 }}>
        <Card>
          <CardContent>
            <Typography variant="h6">{translate('importExport.export')}</Typography>
            <Stack direction="row" spacing={2} sx={{ mt: 2, alignItems: 'center' }}>
              <TextField
                select
                size="small"
                label={translate('app.currentPack')}
                value={selected}
                onChange={(e) => setExportPack(e.target.value)}
                sx={{ minWidth: 280 }}
              >
                {(packs ?? []).map((p) => (
                  <MenuItem key={p.id} value={p.id}>
                    {p.name}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                select
                size="small"
                label={translate('tryit.version')}
                value={which}
                onChange={(e) => setWhich(e.target.value)}
                sx={{ minWidth: 180 }}
              >
                <MenuItem value="">{translate('app.inForce')}</MenuItem>
                <MenuItem value="draft">{translate('app.draft')}</MenuItem>
              </TextField>
              <Button
                variant="contained"
                startIcon={<DownloadIcon />}
                disabled={!selected}
                onClick={() =>
                  downloadExport(selected, which || undefined).catch((e) => notify(e.message, { type: 'error' }))
                }
              >
                {translate('importExport.export')}
              </Button>
            </Stack>
          </CardContent>
        </Card>
        <Card>
          <CardContent>
            <Typography variant="h6">{translate('importExport.import')}</Typography>
            <Button component="label" variant="outlined" startIcon={<UploadIcon />} sx={{ mt: 2 }} disabled={busy}>
              {translate('importExport.importFile')}
              <input
                type="file"
                accept="application/json,.json"
                hidden
                data-testid="import-file"
                onChange={(e) => onFile(e.target.files?.[0])}
              />
            </Button>
            {error && (
              <Alert severity="error" sx={{ mt: 2, whiteSpace: 'pre-line' }}>
                {error}
              </Alert>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardContent>
            <Typography variant="h6">{translate('importExport.createFromBase')}</Typography>
            <Button component={Link} to="/packs/create" variant="outlined" startIcon={<AddIcon />} sx={{ mt: 2 }}>
              {translate('packs.create')}
            </Button>
          </CardContent>
        </Card>
      </Stack>
    </Box>
  );
};
