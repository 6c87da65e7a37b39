import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Space, Spin, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@common/cases/case-types';
import { COUNTER_ROLES } from '@common/roles';
import { errorMessage } from '../../i18n/errors';
import { useAuthStore } from '../auth/store';
import { DocumentPreview } from '../documents/DocumentPreview';
import { PrintButton } from '../documents/PrintButton';
import { OUTCOME_DOCUMENT } from '../documents/store';
import { PrintPanel } from '../printing/PrintPanel';
import { WaybillSection } from '../printing/WaybillSection';
import { useIntakeStore } from '../intake/wizard-store';
import { useNavStore } from '../shell/nav-store';
import { CaseMaterials } from './CaseMaterials';
import { CaseOverview } from './CaseOverview';
import { CaseTimeline } from './CaseTimeline';
import { attentionText, DeptTag, OutcomeTag, SyncTag } from './status-tags';
import { useCasesStore } from './store';
import { SupplementPanel } from './SupplementPanel';
import { ReroutePanel } from './ReroutePanel';
import { AccompanyPanel } from '../appointments/AccompanyPanel';
import { CaseTicketsPanel } from '../tickets/CaseTicketsPanel';
import { documentNumberOf } from '@common/cases/document-number';

function DetailTitle({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <div className="detail-title">
      <span>{t('cases.detail.title')}</span>
      <span className="mono detail-title__no">{documentNumberOf(detail)}</span>
      <OutcomeTag outcome={detail.outcome} />
      <SyncTag row={detail} />
      {/* Where the department has got to (审查中, 准予办结 …): the window's own 已收件 stays true but is not the news. */}
      {detail.deptStatus ? <DeptTag status={detail.deptStatus} /> : null}
    </div>
  );
}

/** 继续补齐: reopens the 待补齐 case as a draft in the wizard. */
function ContinueButton({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const resume = useIntakeStore((s) => s.resumeIncomplete);
  const openPage = useNavStore((s) => s.open);
  const close = useCasesStore((s) => s.closeDetail);
  const run = async () => {
    const result = await resume(caseId);
    if (!result.ok) return void message.error(`${t('cases.detail.continueFailed')}：${errorMessage(result.error)}`);
    close();
    openPage('intake');
  };
  return (
    <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => void run()}>
      {t('cases.detail.continue')}
    </Button>
  );
}

/** The case in full: overview, materials and scans, the document, and the timeline from the audit log. */
export function CaseDetailDrawer() {
  const { t } = useTranslation();
  const detailId = useCasesStore((s) => s.detailId);
  const detail = useCasesStore((s) => s.detail);
  const detailError = useCasesStore((s) => s.detailError);
  const close = useCasesStore((s) => s.closeDetail);
  const role = useAuthStore((s) => s.session?.user.role ?? 'clerk');
  const counter = COUNTER_ROLES.includes(role);

  const kind = detail ? OUTCOME_DOCUMENT[detail.outcome] : null;
  return (
    <Drawer
      open={detailId !== null}
      onClose={close}
      size={940}
      title={detail ? <DetailTitle detail={detail} /> : t('cases.detail.title')}
      extra={
        detail && counter ? (
          <Space>
            {detail.outcome === 'incomplete' && <ContinueButton caseId={detail.caseId} />}
            {kind && <PrintButton caseId={detail.caseId} kind={kind} />}
          </Space>
        ) : null
      }
      destroyOnHidden
    >
      {detailError && (
        <Alert type="error" showIcon title={t('cases.detail.loadFailed')} description={errorMessage(detailError)} />
      )}
      {!detail && !detailError && <Spin />}
      {detail && (
        <>
          {detail.outcome === 'accepted' && detail.syncState === 'needs-attention' && (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginBottom: 16 }}
              title={t('cases.attentionTitle')}
              description={
                <>
                  <div>{attentionText(t, detail.attentionReason)}</div>
                  <div>{t('cases.attentionAdvice')}</div>
                  {counter && detail.attentionReason === 'department-not-routed' && <ReroutePanel detail={detail} />}
                </>
              }
            />
          )}
          {counter && detail.deptStatus === 'supplement-requested' && <SupplementPanel detail={detail} />}
          <Tabs
            items={[
              { key: 'overview', label: t('cases.detail.tabs.overview'), children: <CaseOverview detail={detail} /> },
              {
                key: 'materials',
                label: t('cases.detail.tabs.materials'),
                children: <CaseMaterials detail={detail} canView={counter} />,
              },
              ...(counter && kind
                ? [
                    {
                      key: 'document',
                      label: t('cases.detail.tabs.document'),
                      children: <DocumentPreview caseId={detail.caseId} kind={kind} height={640} />,
                    },
                  ]
                : []),
              { key: 'print', label: t('printing.panel'), children: <PrintPanel detail={detail} canPrint={counter} /> },
              ...(detail.outcome === 'accepted'
                ? [
                    {
                      key: 'mailing',
                      label: t('printing.waybills.section'),
                      children: <WaybillSection detail={detail} canEdit={counter} />,
                    },
                  ]
                : []),
              {
                key: 'accompany',
                label: t('hall.accompany.title'),
                children: <AccompanyPanel caseId={detail.caseId} canRecord={counter} />,
              },
              ...(detail.outcome === 'accepted'
                ? [
                    {
                      key: 'tickets',
                      label: t('tickets.tab'),
                      children: <CaseTicketsPanel caseId={detail.caseId} canWrite={counter} sent />,
                    },
                  ]
                : []),
              {
                key: 'timeline',
                label: t('cases.detail.tabs.timeline'),
                children: <CaseTimeline entries={detail.timeline} departmentEvents={detail.departmentEvents} />,
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
