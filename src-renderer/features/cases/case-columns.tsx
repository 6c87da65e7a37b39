import { PartsCell } from './JointParts';
import { Button } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '@common/cases/case-types';
import { chinaDate } from '@common/time';
import { formatDateTime } from '../../i18n/datetime';
import { DeptTag, OutcomeTag, SyncTag } from './status-tags';
import { documentNumberOf } from '@common/cases/document-number';

/** `18:05` for today's cases, `2026-11-28 18:05` for older ones (China time). */
function caseTime(iso: string): string {
  const full = formatDateTime(iso);
  return chinaDate(new Date(iso)) === chinaDate(new Date()) ? full.slice(11, 16) : full.slice(0, 16);
}

/** The columns of the case list; personal numbers come masked from the main process. */
export function useCaseColumns(onOpen: (row: CaseSummary) => void): ColumnsType<CaseSummary> {
  const { t } = useTranslation();
  return [
    {
      title: t('cases.time'),
      dataIndex: 'decidedAt',
      width: 72,
      render: (at: string) => <span className="nowrap">{caseTime(at)}</span>,
    },
    {
      title: t('cases.documentNo'),
      key: 'documentNo',
      width: 196,
      render: (_, row) => (
        <Button type="link" size="small" className="mono doc-link" onClick={() => onOpen(row)}>
          {documentNumberOf(row)}
        </Button>
      ),
    },
    {
      title: t('cases.matter'),
      key: 'matter',
      render: (_, row) => (
        <div>
          <div>{row.matterName}</div>
          <div className="muted small">{row.situationName}</div>
        </div>
      ),
    },
    { title: t('cases.applicant'), dataIndex: 'applicantName', width: 80 },
    {
      title: t('cases.idNumber'),
      dataIndex: 'applicantIdMasked',
      width: 156,
      render: (id: string) => <span className="mono">{id}</span>,
    },
    {
      title: t('cases.outcome'),
      dataIndex: 'outcome',
      width: 84,
      render: (_, row) => <OutcomeTag outcome={row.outcome} />,
    },
    { title: t('cases.sync'), key: 'sync', width: 112, render: (_, row) => <SyncTag row={row} /> },
    {
      title: t('cases.dept'),
      dataIndex: 'deptStatus',
      width: 92,
      render: (status: string | null, row) => (
        <>
          <DeptTag status={status} />
          {row.parts && <PartsCell parts={row.parts} />}
        </>
      ),
    },
    { title: t('cases.clerk'), dataIndex: 'clerkName', width: 80 },
  ];
}
