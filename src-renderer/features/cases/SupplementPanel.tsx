import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MATERIAL_HANDLINGS, type MaterialHandling } from '@tongban/protocol/cases/application';
import type { AttachmentInfo, CaseDetail } from '@common/cases/case-types';
import type { SupplementView } from '@common/contract';
import { errorMessage } from '../../i18n/errors';
import { SCAN_ACCEPT } from '../intake/files';
import { FileChip, uploadError } from '../intake/steps/MaterialUpload';
import { useCasesStore } from './store';

interface Item {
  code: string;
  name: string;
}

/** The requested items as materials: a case material when the department named one, else the request as written. */
function requestedItems(detail: CaseDetail, view: SupplementView): Item[] {
  return view.requested.map((r) => {
    const m = detail.materials.find((x) => x.code === r || x.name === r);
    return m ? { code: m.code, name: m.name } : { code: r.slice(0, 40), name: r.slice(0, 100) };
  });
}

type Entry = { handling: MaterialHandling; pages: number };

interface RowProps {
  item: Item;
  view: SupplementView;
  entry: Entry;
  files: AttachmentInfo[];
  onEntry(e: Entry): void;
  onFile(a: AttachmentInfo): void;
}

function SupplementRow({ item, view, entry, files, onEntry, onFile }: RowProps) {
  const { t } = useTranslation();
  const attach = useCasesStore((s) => s.attachSupplement);
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    const result = await attach(view.supplementId, item.code, file);
    if (result.ok) onFile(result.value);
    else setError(uploadError(result.error));
  };
  return (
    <div className="supplement-row" aria-label={item.name}>
      <div className="material-name">{item.name}</div>
      <Space wrap>
        <Select
          aria-label={t('intake.materials.handling')}
          value={entry.handling}
          style={{ width: 180 }}
          options={MATERIAL_HANDLINGS.map((h) => ({ value: h, label: t(`intake.handling.${h}`) }))}
          onChange={(handling) => onEntry({ ...entry, handling })}
        />
        <InputNumber
          aria-label={t('intake.materials.pages')}
          min={0}
          max={999}
          precision={0}
          value={entry.pages}
          onChange={(pages) => onEntry({ ...entry, pages: pages ?? 0 })}
        />
        <input
          ref={input}
          type="file"
          hidden
          accept={SCAN_ACCEPT}
          aria-label={`${item.name} ${t('intake.materials.upload')}`}
          onChange={(e) => {
            void upload(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <Button size="small" icon={<UploadOutlined aria-hidden />} onClick={() => input.current?.click()}>
          {t('intake.materials.upload')}
        </Button>
      </Space>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      {files.map((f) => (
        <FileChip key={f.attachmentId} file={f} />
      ))}
    </div>
  );
}

/** 补正材料: the department asked for more; the clerk records each requested item, uploads scans and submits. */
export function SupplementPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const start = useCasesStore((s) => s.startSupplement);
  const submit = useCasesStore((s) => s.submitSupplement);
  const [view, setView] = useState<SupplementView | null>(null);
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [files, setFiles] = useState<AttachmentInfo[]>([]);
  const [note, setNote] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const open = async () => {
    const result = await start(detail.caseId);
    if (!result.ok) return void message.error(errorMessage(result.error));
    setView(result.value);
    setFiles(result.value.attachments);
  };

  if (submitted) {
    // Sent once: the panel does not come back for the same request (main refuses a second one too).
    return (
      <Alert
        type="success"
        showIcon
        title={t('cases.supplement.submitted')}
        role="status"
        style={{ marginBottom: 16 }}
      />
    );
  }

  if (!view) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('cases.supplement.title')}
        description={[(detail.deptDetails?.missing ?? []).join('、'), detail.deptReason].filter(Boolean).join('；')}
        style={{ marginBottom: 16 }}
        action={
          <Button type="primary" onClick={() => void open()}>
            {t('cases.supplement.start')}
          </Button>
        }
      />
    );
  }

  const items = requestedItems(detail, view);
  const entryOf = (code: string): Entry => entries[code] ?? { handling: 'copy', pages: 1 };
  const send = () =>
    modal.confirm({
      title: t('cases.supplement.submitConfirm'),
      okText: t('cases.supplement.submit'),
      cancelText: t('intake.actions.cancel'),
      onOk: async () => {
        const materials = items.map((i) => ({ code: i.code, name: i.name, ...entryOf(i.code) }));
        const result = await submit({ supplementId: view.supplementId, materials, note });
        if (result.ok) {
          setSubmitted(true);
          void message.success(t('cases.supplement.submitted'));
        } else void message.error(errorMessage(result.error));
      },
    });

  return (
    <Card size="small" title={t('cases.supplement.title')} className="supplement-panel">
      <p>{t('cases.supplement.intro')}</p>
      {detail.deptReason && (
        // The reviewer's note is a note, not a material to hand in.
        <Alert type="info" showIcon title={t('cases.supplement.deptNote')} description={detail.deptReason} />
      )}
      {items.map((item) => (
        <SupplementRow
          key={item.code}
          item={item}
          view={view}
          entry={entryOf(item.code)}
          files={files.filter((f) => f.materialCode === item.code)}
          onEntry={(e) => setEntries({ ...entries, [item.code]: e })}
          onFile={(a) => setFiles((all) => [...all, a])}
        />
      ))}
      <Form layout="vertical" component="div">
        <Form.Item label={t('cases.supplement.note')} htmlFor="supplement-note">
          <Input.TextArea
            id="supplement-note"
            rows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Form.Item>
      </Form>
      <Button type="primary" onClick={send} disabled={items.length === 0}>
        {t('cases.supplement.submit')}
      </Button>
    </Card>
  );
}
