/**
 * The Inspect files tab: certificate files opened or dropped here are read in the renderer (bytes,
 * never paths), sent to certificates.inspect and shown one by one — a file that cannot be read
 * says why and never hides the others. A PFX asks for its password in a dialog, for that file only.
 * Main reads them in a worker thread: certificates.inspectProgress says how far it is, and Cancel
 * (certificates.cancel) stops it — the files not read then say `cancelled`.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import type { InspectedCertificate } from '../../../../shared/certificates/cert-model';
import type { InspectProgress } from '../../../../shared/certificates/certificate-channels';
import { useMainEvent } from '../../use-main-event';
import { MAX_CERT_FILE_BYTES } from '../../../../shared/certificates/cert-model';
import { errorMessage, getApi } from '../../api';
import { useFileDrop } from '../../components/use-file-drop';
import { useI18n } from '../../i18n';
import { base64FromBytes } from './base64';
import { CertFindings, CertificateFields } from './cert-fields';
import { ChainTree, ExportButtons, RenewalView } from './chain-view';
import { RollupChip } from './chips';
import { megabytes } from './format';
import {
  ACCEPT,
  applyCancelled,
  applyFailure,
  applyResults,
  batches,
  fileSeverity,
  type InspectEntry,
  type InspectOptions,
  isTooLarge,
  batchSummary,
  localFailure,
  newErrors,
  needsPassword,
  nextPasswordEntry,
  PURPOSE_CHOICES,
  type PurposeChoice,
  requestOptions,
} from './inspect-model';
import { certSeverity } from './inventory-model';
import { PasswordDialog } from './password-dialog';

let nextId = 1;

export function InspectView() {
  const { t, language } = useI18n();
  const [entries, setEntries] = useState<InspectEntry[]>([]);
  const [options, setOptions] = useState<InspectOptions>({ fqdn: '', purpose: 'none' });
  const input = useRef<HTMLInputElement>(null);

  const [progress, setProgress] = useState<InspectProgress | null>(null);
  /** The files of the last batch added: their errors are shown at the top once they are read. */
  const [lastBatch, setLastBatch] = useState<readonly number[]>([]);
  /** Cancel was pressed: the calls not sent yet are not sent. */
  const cancelling = useRef(false);

  const update = (fn: (list: InspectEntry[]) => InspectEntry[]) => setEntries((list) => fn(list));

  /** Sends files (already read) in as few calls as the contract allows; one call's failure marks only its files. */
  const send = async (toSend: readonly InspectEntry[], opts: InspectOptions) => {
    cancelling.current = false;
    for (const batch of batches(toSend)) {
      if (cancelling.current) {
        update((list) => applyCancelled(list, batch, t('cert.read.cancelled')));
        continue;
      }
      try {
        const results = await getApi().certificates.inspect({
          files: batch.map((e) => ({ name: e.name, dataBase64: e.data ?? '' })),
          ...requestOptions(opts),
          language,
        });
        update((list) => applyResults(list, batch, results));
      } catch (e) {
        update((list) => applyFailure(list, batch, errorMessage(e)));
      }
    }
  };

  const addFiles = async (files: readonly File[]) => {
    if (files.length === 0) return;
    const opts = options;
    const added: InspectEntry[] = files.map((f) => ({
      id: nextId++,
      name: f.name,
      size: f.size,
      data: null,
      state: isTooLarge(f.size) ? 'done' : 'reading',
      result: isTooLarge(f.size) ? localFailure(f.name, 'too-large', t('certificates.inspect.tooLarge', { size: megabytes(f.size), max: megabytes(MAX_CERT_FILE_BYTES) })) : null,
      passwordDismissed: false,
    }));
    // The newest files on top.
    update((list) => [...added, ...list]);
    setLastBatch(added.map((e) => e.id));
    const read = await Promise.all(
      added.map(async (entry, i): Promise<InspectEntry> => {
        if (entry.state === 'done') return entry;
        try {
          const data = base64FromBytes(await files[i].arrayBuffer());
          return { ...entry, data, state: 'inspecting' };
        } catch (e) {
          return { ...entry, state: 'done', result: localFailure(entry.name, 'unreadable', t('certificates.inspect.readFailed', { message: errorMessage(e) })) };
        }
      }),
    );
    const byId = new Map(read.map((e) => [e.id, e]));
    update((list) => list.map((e) => byId.get(e.id) ?? e));
    await send(
      read.filter((e) => e.state === 'inspecting'),
      opts,
    );
  };

  const inspectAgain = async () => {
    const again = entries.filter((e) => e.data !== null).map((e) => ({ ...e, state: 'inspecting' as const, passwordDismissed: false }));
    const ids = new Set(again.map((e) => e.id));
    update((list) => list.map((e) => (ids.has(e.id) ? { ...e, state: 'inspecting', passwordDismissed: false } : e)));
    await send(again, options);
  };

  /** One file, once, with its password; the password is not kept anywhere after this call. */
  const submitPassword = async (entry: InspectEntry, password: string) => {
    cancelling.current = false;
    update((list) => list.map((e) => (e.id === entry.id ? { ...e, state: 'inspecting' } : e)));
    try {
      const results = await getApi().certificates.inspect({ files: [{ name: entry.name, dataBase64: entry.data ?? '', password }], ...requestOptions(options), language });
      update((list) => applyResults(list, [entry], results));
    } catch (e) {
      update((list) => applyFailure(list, [entry], errorMessage(e)));
    }
  };

  // Every drag is taken, files or not (filesOnly: false).
  const { dragOver, onDragOver, onDragLeave, onDrop, onPick } = useFileDrop((files) => void addFiles(files), { filesOnly: false });

  const asking = nextPasswordEntry(entries);
  const busy = entries.some((e) => e.state !== 'done');
  useMainEvent('certificates.inspectProgress', busy, setProgress, () => undefined);

  const cancel = async () => {
    cancelling.current = true;
    try {
      await getApi().certificates.cancel();
    } catch {
      // Nothing was running any more: the answers are on their way.
    }
  };

  return (
    <Box sx={{ flex: 1, minHeight: 0, overflowY: 'auto', px: 2, py: 1.5 }}>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, maxWidth: 1280 }}>
        <Typography sx={{ color: 'text.secondary' }}>{t('certificates.inspect.intro')}</Typography>
        <Box
          data-testid="inspect-drop"
          data-drag-over={dragOver}
          onDragEnter={onDragOver}
          onDragOver={onDragOver}
          onDragLeave={onDragLeave}
          onDrop={onDrop}
          sx={{
            display: 'flex',
            alignItems: 'center',
            flexWrap: 'wrap',
            gap: 1.5,
            px: 2,
            py: 2,
            border: 2,
            borderStyle: 'dashed',
            borderRadius: 1,
            borderColor: dragOver ? 'primary.main' : '#c4cad3',
            bgcolor: dragOver ? '#e3ecf7' : 'background.paper',
          }}
        >
          <Button variant="contained" data-testid="inspect-open" onClick={() => input.current?.click()}>
            {t('certificates.inspect.open')}
          </Button>
          <input ref={input} type="file" multiple accept={ACCEPT} data-testid="inspect-files" onChange={onPick} style={{ display: 'none' }} aria-label={t('certificates.inspect.open')} />
          <Typography sx={{ color: 'text.secondary', flex: 1, minWidth: 240 }}>{t('certificates.inspect.drop')}</Typography>
        </Box>
        <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1.5 }}>
          <TextField
            label={t('certificates.inspect.fqdn')}
            value={options.fqdn}
            onChange={(e) => setOptions((o) => ({ ...o, fqdn: e.target.value }))}
            placeholder="exch01.contoso.com"
            slotProps={{ htmlInput: { 'data-testid': 'inspect-fqdn', spellCheck: false, maxLength: 253 } }}
            sx={{ width: 300 }}
          />
          <Box component="label" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, color: 'text.secondary' }}>
            {t('certificates.inspect.purpose')}
            <Box
              component="select"
              data-testid="inspect-purpose"
              value={options.purpose}
              onChange={(e: ChangeEvent<HTMLSelectElement>) => setOptions((o) => ({ ...o, purpose: e.target.value as PurposeChoice }))}
              sx={{ font: 'inherit', fontSize: 13, height: 32, px: 0.75, borderRadius: 1, border: 1, borderColor: '#c4cad3', bgcolor: 'background.paper', color: 'text.primary' }}
            >
              {PURPOSE_CHOICES.map((p) => (
                <option key={p} value={p}>
                  {t(`certificates.purpose.${p}`)}
                </option>
              ))}
            </Box>
          </Box>
          <Button variant="outlined" data-testid="inspect-again" disabled={busy || entries.every((e) => e.data === null)} onClick={() => void inspectAgain()}>
            {t('certificates.inspect.again')}
          </Button>
          <Button data-testid="inspect-clear" disabled={busy || entries.length === 0} onClick={() => setEntries([])}>
            {t('certificates.inspect.clear')}
          </Button>
        </Box>
        {entries.length > 0 && <BatchSummary entries={entries} lastBatch={lastBatch} />}
        {busy && progress?.running && (
          <Box data-testid="inspect-progress" role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
            <LinearProgress variant="determinate" value={progress.total ? (100 * progress.done) / progress.total : 0} sx={{ flex: '1 1 200px', maxWidth: 360 }} />
            <Typography sx={{ color: 'text.secondary', fontSize: 12.5, wordBreak: 'break-all' }}>
              {progress.current
                ? t('certificates.inspect.progress', { done: progress.done, total: progress.total, file: progress.current })
                : t('certificates.inspect.progressIdle', { done: progress.done, total: progress.total })}
            </Typography>
            <Button size="small" variant="outlined" color="warning" data-testid="inspect-cancel" onClick={() => void cancel()}>
              {t('certificates.inspect.cancel')}
            </Button>
          </Box>
        )}
        {entries.length === 0 ? (
          <Alert severity="info" variant="outlined">
            {t('certificates.inspect.empty')}
          </Alert>
        ) : (
          <Box data-testid="inspected-files" sx={{ display: 'flex', flexDirection: 'column', gap: 1.25 }}>
            {entries.map((e) => (
              <InspectedFile key={e.id} entry={e} purpose={options.purpose} onAskPassword={() => update((list) => list.map((x) => (x.id === e.id ? { ...x, passwordDismissed: false } : x)))} />
            ))}
          </Box>
        )}
      </Box>
      {asking && (
        <PasswordDialog
          key={`${asking.id}-${asking.result?.error?.code}`}
          file={asking.name}
          wrong={asking.result?.error?.code === 'wrong-password'}
          onSubmit={(password) => void submitPassword(asking, password)}
          onCancel={() => update((list) => list.map((x) => (x.id === asking.id ? { ...x, passwordDismissed: true } : x)))}
        />
      )}
    </Box>
  );
}

/**
 * "12 files: 10 read, 2 refused", and the files of the last batch that could not be read, at the top
 * where the eye is — focused and scrolled into view when they appear, each a link to its file below.
 */
function BatchSummary({ entries, lastBatch }: { entries: readonly InspectEntry[]; lastBatch: readonly number[] }) {
  const { t } = useI18n();
  const s = batchSummary(entries);
  const failed = newErrors(entries, lastBatch);
  const alert = useRef<HTMLDivElement>(null);
  const key = failed.map((e) => e.id).join(',');
  useEffect(() => {
    if (key && alert.current) {
      alert.current.focus();
      alert.current.scrollIntoView({ block: 'nearest' });
    }
  }, [key]);
  return (
    <>
      <Typography data-testid="inspect-summary" role="status" sx={{ fontWeight: 600 }}>
        {s.pending > 0 ? t('certInspector.summaryPending', { ...s }) : t('certInspector.summary', { ...s })}
      </Typography>
      {failed.length > 0 && (
        <Alert severity="error" ref={alert} tabIndex={-1} data-testid="inspect-new-errors" sx={{ '&:focus': { outline: '2px solid', outlineColor: 'error.main' } }}>
          {t('certInspector.newErrors', { count: failed.length })}
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {failed.map((e) => (
              <li key={e.id}>
                <Box
                  component="a"
                  href={`#inspected-${e.id}`}
                  onClick={(ev: { preventDefault: () => void }) => {
                    ev.preventDefault();
                    document.getElementById(`inspected-${e.id}`)?.scrollIntoView({ block: 'start' });
                  }}
                  sx={{ color: 'inherit', fontWeight: 600, wordBreak: 'break-all' }}
                >
                  {e.name}
                </Box>{' '}
                — {e.result?.error?.message}
              </li>
            ))}
          </Box>
        </Alert>
      )}
    </>
  );
}

function InspectedFile({ entry, purpose, onAskPassword }: { entry: InspectEntry; purpose: PurposeChoice; onAskPassword: () => void }) {
  const { t, td } = useI18n();
  const error = entry.result?.error ?? null;
  const certs = entry.result?.certificates ?? [];
  const now = new Date();
  return (
    <Paper
      variant="outlined"
      component="article"
      id={`inspected-${entry.id}`}
      data-testid="inspected-file"
      data-file={entry.name}
      data-error={error?.code ?? ''}
      data-state={entry.state}
      sx={{ px: 1.75, py: 1.25, display: 'flex', flexDirection: 'column', gap: 1 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h2" component="h3" sx={{ wordBreak: 'break-all' }}>
          {entry.name}
        </Typography>
        <Typography sx={{ color: 'text.secondary', fontSize: 12 }}>{t('certificates.inspect.size', { size: (entry.size / 1024).toFixed(1) })}</Typography>
        {entry.state !== 'done' ? (
          <Box role="status" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, color: 'text.secondary' }}>
            <CircularProgress size={12} />
            {t('certificates.inspect.inspecting')}
          </Box>
        ) : (
          <>
            <RollupChip severity={fileSeverity(entry)} />
            {!error && <Typography sx={{ color: 'text.secondary', fontSize: 12 }}>{t('certificates.inspect.certCount', { count: certs.length })}</Typography>}
          </>
        )}
      </Box>
      {entry.state === 'done' && error && (
        <Alert
          severity={needsPassword(entry) ? 'warning' : 'error'}
          data-testid="inspected-error"
          action={
            needsPassword(entry) && entry.passwordDismissed ? (
              <Button color="inherit" data-testid="inspect-password" onClick={onAskPassword}>
                {t('certificates.inspect.enterPassword')}
              </Button>
            ) : undefined
          }
        >
          <AlertTitle sx={{ fontSize: 13 }}>
            {td(`certificates.inspect.error.${error.code}`)}{' '}
            <Box component="span" sx={{ fontWeight: 400, opacity: 0.8 }}>
              ({error.code})
            </Box>
          </AlertTitle>
          {error.message}
        </Alert>
      )}
      {certs.map((c, i) => (
        <InspectedCert key={`${c.thumbprint}-${i}`} cert={c} now={now} position={i + 1} purpose={purpose} />
      ))}
      {entry.result?.chain && certs.length > 0 && <ChainTree chain={entry.result.chain} certs={certs} />}
    </Paper>
  );
}

function InspectedCert({ cert, now, position, purpose }: { cert: InspectedCertificate; now: Date; position: number; purpose: PurposeChoice }) {
  const { t } = useI18n();
  return (
    <Box
      data-testid="inspected-cert"
      data-thumbprint={cert.thumbprint}
      data-severity={certSeverity(cert)}
      sx={{ borderTop: 1, borderColor: 'divider', pt: 1, display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', xl: 'minmax(0, 1fr) minmax(260px, 380px)' }, gap: { xs: 1.25, xl: 2.5 } }}
    >
      <Box sx={{ minWidth: 0 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75, mb: 0.5, flexWrap: 'wrap' }}>
          <Typography sx={{ fontWeight: 600 }}>{cert.subjectCommonName ?? cert.subject}</Typography>
          {cert.isCA && <Chip label={t('certificates.field.ca')} sx={{ height: 18, fontSize: 11 }} />}
          {cert.selfSigned && <Chip label={t('certificates.selfSigned')} sx={{ height: 18, fontSize: 11 }} />}
          {cert.hasPrivateKey && <Chip label={t('certificates.privateKey')} color="primary" variant="outlined" sx={{ height: 18, fontSize: 11 }} />}
          <Box sx={{ flex: 1 }} />
          <ExportButtons cert={cert} position={position} />
        </Box>
        <CertificateFields cert={cert} now={now} dense />
      </Box>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="h3" component="h4" sx={{ fontSize: 12, color: 'text.secondary', mb: 0.5 }}>
          {t('certificates.findings.title')}
        </Typography>
        <CertFindings findings={cert.findings} />
        {purpose !== 'none' && !cert.isCA && (
          <Box sx={{ mt: 1 }}>
            <RenewalView
              purpose={purpose}
              cert={cert}
              target={purpose === 'oauth' && cert.subjectCommonName === 'Microsoft Exchange Server Auth Certificate' ? { side: 'exchange' } : { side: 'skype' }}
            />
          </Box>
        )}
      </Box>
    </Box>
  );
}
