import { Alert, Descriptions, Radio, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  acceptanceModeOf,
  effectivePromisedDays,
  legalBasisText,
  type Matter,
  type Situation,
} from '@tongban/protocol/catalogue/schema';
import { useIntakeStore } from '../wizard-store';

/** 承诺时限: N working days, or 即办. */
export function usePromisedText() {
  const { t } = useTranslation();
  return (days: number) => (days === 0 ? t('intake.situation.instant') : t('intake.situation.days', { count: days }));
}

function SituationCard({ matter, situation }: { matter: Matter; situation: Situation }) {
  const { t } = useTranslation();
  const promised = usePromisedText();
  const fee = situation.fee ?? matter.fee;
  return (
    <div className="situation-card">
      <div className="situation-card__name">{situation.name}</div>
      {situation.description && <div className="situation-card__desc">{situation.description}</div>}
      <div className="situation-card__facts">
        <span>
          {t('intake.situation.promised')}：{promised(effectivePromisedDays(matter, situation))}
        </span>
        <span>
          {t('intake.situation.fee')}：{fee.charged ? fee.description : t('intake.situation.free')}
        </span>
        <span>
          {t('intake.situation.applicants')}：
          {matter.applicantKinds.map((k) => t(`intake.applicantKinds.${k}`)).join('、')}
        </span>
      </div>
    </div>
  );
}

/** 选择情形: each situation with its description, promised days, fee and who may apply; in-person-only matters say so. */
export function SituationStep({ matter }: { matter: Matter }) {
  const { t } = useTranslation();
  const situationCode = useIntakeStore((s) => s.wizard.data.situationCode);
  const pickSituation = useIntakeStore((s) => s.pickSituation);

  return (
    <div>
      <Descriptions
        size="small"
        column={3}
        style={{ marginBottom: 16 }}
        title={
          <span>
            {matter.name} <span className="mono muted">{matter.code}</span>
          </span>
        }
        items={[
          { key: 'dept', label: t('intake.situation.department'), children: matter.department },
          {
            key: 'agency',
            label: t('intake.situation.agency'),
            children: matter.agency.agentAllowed ? (
              t('intake.situation.agentAllowed')
            ) : (
              <Tag color="red">{t('intake.situation.inPersonOnly')}</Tag>
            ),
          },
          { key: 'mode', label: t('intake.situation.acceptanceMode'), children: acceptanceModeOf(matter) },
          {
            key: 'basis',
            label: t('intake.situation.legalBasis'),
            children: matter.legalBasis.map(legalBasisText).join('；') || '—',
          },
        ]}
      />
      {acceptanceModeOf(matter) === '仅指引' && (
        <Alert
          type="warning"
          showIcon
          title={t('intake.review.guidanceOnly')}
          description={matter.guidance ? `${matter.guidance.where}；${matter.guidance.how}` : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      {!matter.agency.agentAllowed && (
        <Alert
          type="warning"
          showIcon
          title={t('intake.situation.inPersonOnly')}
          description={matter.agency.note}
          style={{ marginBottom: 16 }}
        />
      )}
      {matter.agency.agentAllowed && matter.agency.note && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {matter.agency.note}
        </Typography.Paragraph>
      )}
      <Radio.Group
        aria-label={t('intake.situation.choose')}
        value={situationCode}
        onChange={(e) => {
          const situation = matter.situations.find((s) => s.code === e.target.value);
          if (situation) pickSituation(situation);
        }}
        className="situation-group"
        options={matter.situations.map((situation) => ({
          value: situation.code,
          label: <SituationCard matter={matter} situation={situation} />,
        }))}
      />
    </div>
  );
}
