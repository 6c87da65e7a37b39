import {
  CheckCircleFilled,
  ExclamationCircleFilled,
  FileSearchOutlined,
  PlusOutlined,
  StopFilled,
} from '@ant-design/icons';
import { Alert, Button, Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseOutcome } from '@common/cases/case-types';
import { useCasesStore } from '../cases/store';
import { DocumentPreview } from '../documents/DocumentPreview';
import { PrintButton } from '../documents/PrintButton';
import { InviteRatingButton } from '../rating/InviteRatingButton';
import { OUTCOME_DOCUMENT } from '../documents/store';
import { useNavStore } from '../shell/nav-store';
import { findMatter, findSituation, useCatalogueStore } from './catalogue-store';
import { MissingList } from './steps/CheckSummary';
import { useIntakeStore, type IntakeResult } from './wizard-store';

const ICONS: Record<CaseOutcome, React.ReactNode> = {
  accepted: <CheckCircleFilled />,
  incomplete: <ExclamationCircleFilled />,
  rejected: <StopFilled />,
};
const NUMBER_LABEL: Record<CaseOutcome, string> = {
  accepted: 'intake.result.receiptNo',
  incomplete: 'intake.result.noticeNo',
  rejected: 'intake.result.rejectionNo',
};

/** The outcome just committed: the document number in large type, what to tell the applicant, and the document itself. */
export function ResultView({ result }: { result: IntakeResult }) {
  const { t } = useTranslation();
  const catalogue = useCatalogueStore((s) => s.catalogue);
  const startNew = useIntakeStore((s) => s.startNew);
  const openCase = useCasesStore((s) => s.openDetail);
  const openPage = useNavStore((s) => s.open);
  const { decision } = result;
  const matter = findMatter(catalogue, result.matterCode);
  const situation = findSituation(matter, result.situationCode);
  const kind = OUTCOME_DOCUMENT[decision.outcome];
  const numberLabel = t(NUMBER_LABEL[decision.outcome]);

  return (
    <Card>
      <div className={`result-head result-head--${decision.outcome}`}>
        <span className="result-head__icon" aria-hidden>
          {ICONS[decision.outcome]}
        </span>
        <div className="result-head__main">
          <h2 className="result-head__title">{t(`intake.result.${decision.outcome}`)}</h2>
          <div className="result-head__case">
            {matter?.name ?? result.matterCode}
            {situation ? ` / ${situation.name}` : ''} · {result.applicantName}
          </div>
          <div className="doc-number-label" id="doc-number-label">
            {numberLabel}
          </div>
          <div className="doc-number" aria-labelledby="doc-number-label">
            {decision.documentNo}
          </div>
        </div>
        <Space orientation="vertical" size={8} className="result-head__actions">
          <PrintButton caseId={decision.caseId} kind={kind} primary />
          {decision.outcome === 'accepted' && result.mode === 'proxy' && (
            <PrintButton caseId={decision.caseId} kind="power-of-attorney" />
          )}
          <Button
            icon={<FileSearchOutlined aria-hidden />}
            onClick={() => {
              void openCase(decision.caseId);
              openPage('cases');
            }}
          >
            {t('intake.result.viewCase')}
          </Button>
          {/* The clerk invites the applicant to rate right after deciding (好差评 at the counter). */}
          <InviteRatingButton caseId={decision.caseId} />
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => void startNew()} data-shortcut="new-case">
            {t('intake.result.next')}
          </Button>
        </Space>
      </div>
      {decision.outcome === 'accepted' && (
        <Alert type="success" showIcon title={t('intake.result.acceptedText')} style={{ margin: '16px 0' }} />
      )}
      {decision.outcome === 'incomplete' && (
        <Alert
          type="warning"
          showIcon
          title={t('intake.result.incompleteText')}
          description={<MissingList items={decision.missing} />}
          style={{ margin: '16px 0' }}
        />
      )}
      {decision.outcome === 'rejected' && (
        <Alert type="error" showIcon title={t('intake.result.rejectedText')} style={{ margin: '16px 0' }} />
      )}
      <Card size="small" title={t('intake.result.preview')} className="preview-card">
        <DocumentPreview caseId={decision.caseId} kind={kind} />
      </Card>
    </Card>
  );
}
