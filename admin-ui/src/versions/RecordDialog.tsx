/**
 * 打印对照表: the printable record of a version (制度参数对照表, old → new, basis, approvals) as the
 * API renders it (`GET /api/packs/:id/versions/:n/record`, HTML with print CSS), fetched with the
 * Bearer token and shown in an iframe; 打印 prints the iframe, 下载PDF saves `record.pdf`.
 *
 * The record holds text users wrote (pack name, basis, comments). The API escapes it, and the
 * frame is sandboxed as a second wall: no script runs inside it (no allow-scripts), so nothing in
 * it can reach the app's token in localStorage. allow-same-origin only lets this page call the
 * frame's print(); allow-modals lets that print dialog open.
 */
import { useEffect, useRef, useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import PdfIcon from '@mui/icons-material/PictureAsPdf';
import { downloadFile, fetchFile } from '../common/sheetFiles';

export const RecordDialog = ({
  packId,
  version,
  onClose,
}: {
  packId: string;
  version: number;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const base = `/packs/${encodeURIComponent(packId)}/versions/${version}`;
  const lang = locale === 'en' ? '?lang=en' : '';
  useEffect(() => {
    let live = true;
    fetchFile(`${base}/record${lang}`, 'record.html')
      .then(({ blob }) => blob.text())
      .then((text) => {
        if (live) setHtml(text);
      })
      .catch((e: Error) => {
        if (live) setError(e.message);
      });
    return () => {
      live = false;
    };
  }, [base, lang]);
  const pdf = async () => {
    setDownloading(true);
    try {
      await downloadFile(`${base}/record.pdf${lang}`, `${packId}-v${version}.pdf`);
    } catch (caught) {
      // an HttpError from the data provider, or anything else thrown
      const e = caught as { message?: string; body?: unknown } | undefined;
      setError(e?.message ?? String(e));
    } finally {
      setDownloading(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth data-testid="record-dialog">
      <DialogTitle>{translate('adoption.recordTitle', { version })}</DialogTitle>
      <DialogContent dividers sx={{ p: 0, height: '70vh' }}>
        {!html && !error && <LinearProgress />}
        {error && (
          <Alert severity="error" sx={{ m: 2 }}>
            {error}
          </Alert>
        )}
        {html && (
          <iframe
            ref={frame}
            srcDoc={html}
            sandbox="allow-same-origin allow-modals"
            referrerPolicy="no-referrer"
            title={translate('adoption.recordTitle', { version })}
            data-testid="record-frame"
            style={{ border: 0, width: '100%', height: '100%', background: '#fff' }}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button
          startIcon={<PrintIcon />}
          disabled={!html}
          onClick={() => frame.current?.contentWindow?.print()}
          data-testid="record-print"
        >
          {translate('adoption.print')}
        </Button>
        <Button startIcon={<PdfIcon />} disabled={downloading} onClick={pdf} data-testid="record-pdf">
          {translate('adoption.downloadPdf')}
        </Button>
        <Button onClick={onClose}>{translate('adoption.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};
