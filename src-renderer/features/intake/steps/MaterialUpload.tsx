import { CameraOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaterialHandling } from '@tongban/protocol/cases/application';
import type { AttachmentInfo } from '@common/cases/case-types';
import type { AppErrorData } from '@common/result';
import { errorMessage, fieldMessage } from '../../../i18n/errors';
import { CameraCaptureModal } from '../../camera/CameraCaptureModal';
import { AttachmentViewer } from '../../documents/AttachmentViewer';
import { formatSize, SCAN_ACCEPT } from '../files';
import { useIntakeStore } from '../wizard-store';

/** The message for a refused upload: the file problem's own words when the main process named one. */
export function uploadError(error: AppErrorData): string {
  const code = error.details?.fields?.[0]?.code;
  return error.code === 'unsupported-file' && code ? fieldMessage(code) : errorMessage(error);
}

/** A scanned file: name, size and the start of its SHA-256, to view or remove. */
export function FileChip({ file, onRemove }: { file: AttachmentInfo; onRemove?: () => void }) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState(false);
  return (
    <div className="file-chip">
      <PaperClipOutlined aria-hidden />
      <span className="file-chip__name" title={file.fileName}>
        {file.fileName}
      </span>
      <span className="file-chip__meta" title={file.sha256}>
        {t('intake.materials.fileMeta', { size: formatSize(file.size), hash: file.sha256.slice(0, 8) })}
      </span>
      <Button type="link" size="small" onClick={() => setViewing(true)}>
        {t('intake.materials.view')}
      </Button>
      {onRemove && (
        <Popconfirm
          title={t('intake.materials.remove')}
          okText={t('intake.actions.confirm')}
          cancelText={t('intake.actions.cancel')}
          onConfirm={onRemove}
        >
          <Button type="link" size="small" danger>
            {t('intake.materials.remove')}
          </Button>
        </Popconfirm>
      )}
      {viewing && <AttachmentViewer file={file} onClose={() => setViewing(false)} />}
    </div>
  );
}

/** 上传扫描件 or 拍照 for one material: JPEG, PNG or PDF up to 10 MB, the type judged by the main process from the content. */
export function MaterialUpload({
  materialCode,
  materialName,
  receivedAs,
}: {
  materialCode: string;
  materialName: string;
  /** How the material counts as received once a file is attached (电子 where the form allows a file). */
  receivedAs?: MaterialHandling;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const attachments = useIntakeStore((s) => s.wizard.attachments);
  const addAttachment = useIntakeStore((s) => s.addAttachment);
  const removeAttachment = useIntakeStore((s) => s.removeAttachment);
  const files = useMemo(() => attachments.filter((a) => a.materialCode === materialCode), [attachments, materialCode]);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [photographing, setPhotographing] = useState(false);

  /** Sends a file (chosen, or photographed) through attachments:add; answers the problem, or null once saved. */
  const send = async (file: File): Promise<string | null> => {
    setBusy(true);
    setError(null);
    const result = await addAttachment(materialCode, file, receivedAs);
    setBusy(false);
    if (!result.ok) return uploadError(result.error);
    void message.success(t('intake.materials.uploaded', { name: result.value.fileName }));
    return null;
  };

  const upload = async (file: File | undefined) => {
    if (file) setError(await send(file));
  };

  const remove = async (attachmentId: string) => {
    const result = await removeAttachment(attachmentId);
    if (!result.ok) void message.error(errorMessage(result.error));
  };

  return (
    <div>
      <input
        ref={input}
        type="file"
        hidden
        accept={SCAN_ACCEPT}
        aria-label={`${materialName} ${t('intake.materials.upload')}`}
        onChange={(e) => {
          void upload(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <Space size={4} wrap>
        <Button
          size="small"
          icon={<UploadOutlined aria-hidden />}
          loading={busy}
          onClick={() => input.current?.click()}
        >
          {busy ? t('intake.materials.uploading') : t('intake.materials.upload')}
        </Button>
        <Button
          size="small"
          icon={<CameraOutlined aria-hidden />}
          disabled={busy}
          onClick={() => setPhotographing(true)}
        >
          {t('camera.button')}
        </Button>
      </Space>
      {photographing && (
        <CameraCaptureModal materialName={materialName} onUse={send} onClose={() => setPhotographing(false)} />
      )}
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      {files.map((file) => (
        <FileChip key={file.attachmentId} file={file} onRemove={() => void remove(file.attachmentId)} />
      ))}
    </div>
  );
}
