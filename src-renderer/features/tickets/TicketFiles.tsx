import { Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketFileView } from '@common/tickets';
import { call } from '../../api/call';
import { errorMessage } from '../../i18n/errors';
import { saveDownload } from '../supervisor/download';
import { readBase64, uploadName } from '../intake/files';

/** The file types offered in the chooser; the main process decides by content, not by name. */
const ACCEPT = '.jpg,.jpeg,.png,.pdf';
/** Most files per ticket or answer (the main process checks again). */
const MAX_FILES = 3;

/** A ticket's files: each opens (the department's are fetched from the gateway the first time). */
export function TicketFileList({ files }: { files: TicketFileView[] }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  if (files.length === 0) return null;
  const open = async (f: TicketFileView) => {
    const r = await call('tickets:file', { attachmentId: f.attachmentId });
    if (!r.ok) return setProblem(errorMessage(r.error));
    setProblem(null);
    saveDownload({ ...r.value, size: f.size });
  };
  return (
    <Space orientation="vertical" size={2} className="ticket-files" style={{ marginBottom: 8 }}>
      {files.map((f) => (
        <Space key={f.attachmentId} wrap>
          <span className="muted small">
            {t(`tickets.sides.${f.side}`)}
            {t('tickets.file')}：
          </span>
          {f.purged ? (
            <Typography.Text type="secondary">{t('tickets.filePurged')}</Typography.Text>
          ) : (
            <Button size="small" type="link" onClick={() => void open(f)}>
              {f.fileName}
            </Button>
          )}
          <span className="muted small">{Math.max(1, Math.round(f.size / 1024))} KB</span>
          {!f.synced && <Tag>{t('tickets.notSynced')}</Tag>}
        </Space>
      ))}
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Space>
  );
}

/** A file chooser for a ticket or answer; hands the chosen files over as base64. */
export function TicketFilePicker({
  id,
  onChange,
}: {
  id: string;
  onChange: (files: { fileName: string; dataBase64: string }[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <span>
      <label htmlFor={id} className="small">
        {t('tickets.attach')}
      </label>{' '}
      <input
        id={id}
        type="file"
        multiple
        accept={ACCEPT}
        onChange={(e) => {
          const chosen = [...(e.target.files ?? [])].slice(0, MAX_FILES);
          void Promise.all(
            chosen.map(async (f) => ({ fileName: uploadName(f.name).slice(-100), dataBase64: await readBase64(f) })),
          ).then(onChange);
        }}
      />
    </span>
  );
}
