import { Alert, Descriptions } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@common/cases/case-types';
import { formatDateTime } from '../../i18n/datetime';
import { findMatter, findSituation, useCatalogueStore } from '../intake/catalogue-store';
import { MissingList } from '../intake/steps/CheckSummary';
import { DeptTag } from './status-tags';
import { announcedResult } from './result-file';
import { ResultLine } from './ResultLine';
import { JointParts } from './JointParts';

type Items = NonNullable<DescriptionsProps['items']>;

/** Everything about the case: who, what, where, the situation's form with its labels, and where it stands. */
export function CaseOverview({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const catalogue = useCatalogueStore((s) => s.catalogue);
  const lookup = useCatalogueStore((s) => s.lookup);
  const matter = findMatter(catalogue, detail.matterCode);
  const situation = findSituation(matter, detail.application.situationCode);
  const app = detail.application;
  const division = (code: string) => lookup?.divisionFullName(code) ?? code;
  const days = detail.cataloguePromisedDays;
  const result = announcedResult(detail);

  const caseItems: Items = [
    { key: 'matter', label: t('cases.detail.matter'), children: `${detail.matterName}（${detail.matterCode}）` },
    { key: 'situation', label: t('cases.detail.situation'), children: detail.situationName },
    { key: 'mode', label: t('cases.detail.mode'), children: t(`intake.modes.${detail.mode}`) },
    {
      key: 'locality',
      label: t('cases.detail.locality'),
      children: lookup ? division(detail.localityDivision) : (detail.localityName ?? detail.localityDivision),
    },
    {
      key: 'dept',
      label: t('cases.detail.department'),
      children: detail.departmentName
        ? `${detail.departmentName}${detail.departmentId ? `（${detail.departmentId}）` : ''}`
        : '—',
    },
    {
      key: 'promised',
      label: t('cases.detail.promised'),
      children:
        days === null ? '—' : days === 0 ? t('intake.situation.instant') : t('intake.situation.days', { count: days }),
    },
    { key: 'started', label: t('cases.detail.startedAt'), children: formatDateTime(detail.startedAt) },
    {
      key: 'decided',
      label: t(`cases.detail.decidedAt.${detail.outcome}`),
      children: formatDateTime(detail.decidedAt),
    },
    { key: 'clerk', label: t('cases.detail.clerk'), children: detail.clerkName },
    { key: 'catalogue', label: t('cases.detail.catalogue'), children: detail.catalogueVersion },
  ];
  const person = (p: CaseDetail['application']['applicant']) =>
    `${p.name} · ${t(`intake.idTypes.${p.idType}`)} ${p.idNumber}${p.phone ? ` · ${p.phone}` : ''}`;
  const peopleItems: Items = [
    { key: 'applicant', label: t('cases.detail.applicant'), span: 2, children: person(app.applicant) },
    ...(app.applicant.address
      ? [{ key: 'address', label: t('intake.person.address'), span: 2, children: app.applicant.address }]
      : []),
    ...(app.agent
      ? [
          { key: 'agent', label: t('cases.detail.agent'), children: person(app.agent) },
          { key: 'relationship', label: t('cases.detail.relationship'), children: app.agent.relationship },
        ]
      : []),
    ...Object.entries(app.form).map(([key, value]) => {
      const field = situation?.fields.find((f) => f.key === key);
      return {
        key: `form-${key}`,
        label: field?.label ?? key,
        children: field?.kind === 'division' ? division(value) : value,
      };
    }),
    {
      key: 'delivery',
      label: t('cases.detail.delivery'),
      span: 2,
      children:
        app.delivery === 'ems'
          ? `${t('intake.delivery.ems')}：${app.deliveryAddress}`
          : t(`intake.delivery.${app.delivery}`),
    },
  ];
  const deptItems: Items = [
    {
      key: 'status',
      label: t('cases.detail.deptCurrent'),
      // Before the department has it, say where the case is rather than a dash: the applicant asks exactly this.
      children: detail.deptStatus ? (
        <DeptTag status={detail.deptStatus} />
      ) : (
        <span className="muted" data-testid="dept-not-yet">
          {t(`cases.detail.deptNotYet.${detail.syncState}`)}
        </span>
      ),
    },
    ...(detail.departmentNo ? [{ key: 'no', label: t('cases.detail.deptNumber'), children: detail.departmentNo }] : []),
    ...(detail.deptReason
      ? [{ key: 'reason', label: t('cases.detail.deptReason'), span: 2, children: detail.deptReason }]
      : []),
    ...(detail.deptDetails?.waybillNo
      ? [{ key: 'waybill', label: t('cases.detail.waybill'), children: detail.deptDetails.waybillNo }]
      : []),
    ...(result
      ? [{ key: 'result', label: t('result.line'), span: 2, children: <ResultLine detail={detail} result={result} /> }]
      : []),
    ...(detail.deptDetails?.documents ?? []).map((d) => ({
      key: `document-${d.kind}`,
      label: d.title,
      span: 2,
      children: (
        <span data-testid="dept-document">
          {t('result.documentNo', { no: d.documentNo })}（{formatDateTime(d.issuedAt)}）{' '}
          <ResultLine detail={detail} result={d} document={d.kind} />
        </span>
      ),
    })),
  ];

  return (
    <div className="detail-sections">
      {detail.outcome === 'incomplete' && detail.missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('cases.detail.missing')}
          description={<MissingList items={detail.missing} />}
        />
      )}
      {detail.outcome === 'rejected' && detail.rejectReason && (
        <Alert type="error" showIcon title={t('cases.detail.rejectReason')} description={detail.rejectReason} />
      )}
      <Descriptions bordered size="small" column={2} items={caseItems} styles={{ label: { width: 150 } }} />
      <Descriptions
        bordered
        size="small"
        column={2}
        items={peopleItems}
        title={t('cases.detail.form')}
        styles={{ label: { width: 150 } }}
      />
      {detail.outcome === 'accepted' && (
        <Descriptions
          bordered
          size="small"
          column={2}
          items={deptItems}
          title={t('cases.detail.deptStatus')}
          styles={{ label: { width: 150 } }}
        />
      )}
      {detail.outcome === 'accepted' && detail.parts && <JointParts parts={detail.parts} />}
    </div>
  );
}
