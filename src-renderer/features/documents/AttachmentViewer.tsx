import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentInfo } from '@common/cases/case-types';
import type { AppErrorData } from '@common/result';
import { errorMessage } from '../../i18n/errors';
import { useDocumentsStore } from './store';

type Loaded = { url: string; mediaType: string } | { error: AppErrorData };

function toBlobUrl(dataBase64: string, mediaType: string): string {
  const bytes = Uint8Array.from(atob(dataBase64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: mediaType }));
}

/** Shows a scanned image in a dialog; a PDF is offered as a download. */
export function AttachmentViewer({ file, onClose }: { file: AttachmentInfo; onClose(): void }) {
  const { t } = useTranslation();
  const attachment = useDocumentsStore((s) => s.attachment);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    let url: string | null = null;
    let live = true;
    void attachment(file.attachmentId).then((result) => {
      if (!live) return;
      if (!result.ok) return setLoaded({ error: result.error });
      url = toBlobUrl(result.value.dataBase64, result.value.mediaType);
      setLoaded({ url, mediaType: result.value.mediaType });
    });
    return () => {
      live = false;
      // Released a little later: an image still decoding (or a download starting) must not lose its bytes.
      const done = url;
      if (done) setTimeout(() => URL.revokeObjectURL(done), 60_000);
    };
  }, [attachment, file.attachmentId]);

  let body;
  if (!loaded) body = <Spin />;
  else if ('error' in loaded)
    body = (
      <Alert type="error" showIcon title={t('documents.attachmentFailed')} description={errorMessage(loaded.error)} />
    );
  else if (loaded.mediaType.startsWith('image/'))
    body = <img src={loaded.url} alt={file.fileName} className="attachment-image" />;
  else
    body = (
      <div>
        <Typography.Paragraph type="secondary">{t('documents.pdfHint')}</Typography.Paragraph>
        <Button icon={<DownloadOutlined aria-hidden />} href={loaded.url} download={file.fileName}>
          {t('cases.detail.download')} {file.fileName}
        </Button>
      </div>
    );

  return (
    <Modal open title={`${t('documents.attachment')}：${file.fileName}`} footer={null} onCancel={onClose} width={720}>
      <div className="attachment-body">{body}</div>
      <Typography.Text type="secondary" className="mono" style={{ fontSize: 'var(--fs-small)' }}>
        SHA-256 {file.sha256}
      </Typography.Text>
    </Modal>
  );
}
