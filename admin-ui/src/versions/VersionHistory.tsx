/** 历史版本 of a pack: who published what when, the version in force, 回滚 (恢复到此版本). */
import { useState } from 'react';
import { useGetList, useGetOne, useTranslate, useNotify, useRefresh, Confirm } from 'react-admin';
import { Button, Chip, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import RestoreIcon from '@mui/icons-material/SettingsBackupRestore';
import { apiCall, apiMessage, type ApiErrorBody } from '../providers/http';
import { useCanEditPack, type PackRecord } from '../common/currentPack';

export interface VersionRecord {
  id: string;
  packId: string;
  version: number;
  status: string;
  publishedAt: string;
  publishedBy: string | null;
  effectiveFrom: string;
  basis: string | null;
  origin: string;
  copiedFrom: number | null;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('zh-CN', { hour12: false });
}

export const VersionHistory = ({ packId, onChanged }: { packId: string; onChanged?: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const canRollback = useCanEditPack(packId, 'publish');
  const { data: pack, refetch: refetchPack } = useGetOne<PackRecord>('packs', { id: packId });
  const { data, refetch } = useGetList<VersionRecord>('versions', { filter: { packId }, pagination: { page: 1, perPage: 200 }, sort: { field: 'version', order: 'DESC' } });
  const [confirm, setConfirm] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const rollback = async (version: number) => {
    setBusy(true);
    try {
      const result = await apiCall<{ version: number }>(`/packs/${encodeURIComponent(packId)}/rollback`, { body: { version } });
      notify('versions.rolledBack', { type: 'success', messageArgs: { version: result.version } });
      await Promise.all([refetch(), refetchPack()]);
      refresh();
      onChanged?.();
    } catch (e: any) {
      notify(apiMessage(e?.body as ApiErrorBody, e?.message), { type: 'error' });
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  };
  return (
    <Paper variant="outlined" data-testid="version-history">
      <Typography variant="subtitle1" sx={{ p: 1.5, pb: 0 }}>{translate('versions.history')}</Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('versions.version')}</TableCell>
            <TableCell>{translate('versions.publishedAt')}</TableCell>
            <TableCell>{translate('versions.publishedBy')}</TableCell>
            <TableCell>{translate('versions.effectiveFrom')}</TableCell>
            <TableCell>{translate('versions.origin')}</TableCell>
            <TableCell>{translate('versions.note')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(data ?? []).map((v) => (
            <TableRow key={v.id} data-testid={`version-row-${v.version}`}>
              <TableCell>
                v{v.version} {pack?.currentVersion === v.version && <Chip size="small" color="success" label={translate('versions.current')} />}
              </TableCell>
              <TableCell>{formatTime(v.publishedAt)}</TableCell>
              <TableCell>{v.publishedBy ?? '—'}</TableCell>
              <TableCell>{formatTime(v.effectiveFrom)}</TableCell>
              <TableCell>{translate(`versions.originNames.${v.origin}`, { _: v.origin })}{v.copiedFrom ? ` ← v${v.copiedFrom}` : ''}</TableCell>
              <TableCell>{v.basis ?? ''}</TableCell>
              <TableCell>
                {canRollback && pack?.currentVersion !== v.version && (
                  <Button size="small" startIcon={<RestoreIcon />} onClick={() => setConfirm(v.version)} disabled={busy} data-testid={`rollback-${v.version}`}>
                    {translate('versions.rollback')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Confirm
        isOpen={confirm !== null}
        loading={busy}
        title={translate('versions.rollback')}
        content={translate('versions.rollbackConfirm', { version: confirm ?? '' })}
        onConfirm={() => confirm !== null && rollback(confirm)}
        onClose={() => setConfirm(null)}
      />
    </Paper>
  );
};
