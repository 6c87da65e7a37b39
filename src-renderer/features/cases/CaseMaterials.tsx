import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { AttachmentInfo, CaseDetail, CaseMaterial } from '@common/cases/case-types';
import { FileChip } from '../intake/steps/MaterialUpload';

/** The materials as recorded with the case (handling, pages, required) and their scanned files. */
export function CaseMaterials({ detail, canView }: { detail: CaseDetail; canView: boolean }) {
  const { t } = useTranslation();
  const filesOf = (code: string): AttachmentInfo[] => detail.attachments.filter((a) => a.materialCode === code);
  const columns: ColumnsType<CaseMaterial> = [
    { title: t('intake.materials.name'), dataIndex: 'name' },
    {
      title: t('intake.materials.requirement'),
      dataIndex: 'required',
      width: 90,
      render: (required: boolean) =>
        required ? <Tag color="red">{t('cases.detail.required')}</Tag> : <Tag>{t('cases.detail.notRequired')}</Tag>,
    },
    {
      title: t('intake.materials.handling'),
      dataIndex: 'handling',
      width: 140,
      render: (handling: CaseMaterial['handling']) => (
        <span className={handling === 'not-provided' ? 'muted' : undefined}>{t(`intake.handling.${handling}`)}</span>
      ),
    },
    { title: t('intake.materials.pages'), dataIndex: 'pages', width: 60 },
    {
      title: t('cases.detail.attachments'),
      key: 'files',
      width: 300,
      render: (_, m) => {
        const files = filesOf(m.code);
        if (!files.length) return <span className="muted">{t('cases.none')}</span>;
        return files.map((f) =>
          canView ? <FileChip key={f.attachmentId} file={f} /> : <div key={f.attachmentId}>{f.fileName}</div>,
        );
      },
    },
  ];
  return (
    <Table<CaseMaterial>
      rowKey="code"
      size="small"
      bordered
      columns={columns}
      dataSource={detail.materials}
      pagination={false}
    />
  );
}
