import { CheckOutlined, FileExclamationOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Descriptions, Row, Space, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptanceModeOf, effectivePromisedDays } from '@tongban/protocol/catalogue/schema';
import { maskIdNumber, maskPhone } from '@tongban/protocol/validators/masking';
import { errorMessage } from '../../../i18n/errors';
import { useCatalogueStore } from '../catalogue-store';
import { useIdentityStore } from '../identity-store';
import { canIssueNotice, noticeItems } from '../check';
import { STEP } from '../model';
import type { WizardCheck } from '../use-check';
import { useIntakeStore, type Outcome } from '../wizard-store';
import { CheckSummary, MissingList } from './CheckSummary';
import { IdentityPanel, useIdentityProblems } from './IdentityPanel';
import { RejectModal } from './RejectModal';
import { SignaturePanel } from '../../signature/SignaturePanel';
import { usePromisedText } from './SituationStep';

function Summary({ check }: { check: WizardCheck }) {
  const { t } = useTranslation();
  const lookup = useCatalogueStore((s) => s.lookup);
  const promised = usePromisedText();
  const { app, matter, situation } = check;
  const division = (code: string) => lookup?.divisionFullName(code) ?? code;
  // The summary is on a screen the applicant may see: other people's ID and phone numbers are masked as the
  // applicant's are (the clerk typed them on the previous step and can go back to check them).
  const formValue = (kind: string, value: string) =>
    kind === 'division'
      ? division(value)
      : kind === 'id-number'
        ? maskIdNumber(value)
        : kind === 'mobile'
          ? maskPhone(value)
          : value;
  const provided = app.materials.filter((m) => m.handling !== 'not-provided');
  const formItems = situation.fields
    .filter((f) => app.form[f.key])
    .map((f) => ({
      key: `form-${f.key}`,
      label: f.label,
      children: formValue(f.kind, app.form[f.key] ?? ''),
    }));
  const person = (p: typeof app.applicant) =>
    `${p.name} · ${t(`intake.idTypes.${p.idType}`)} ${maskIdNumber(p.idNumber)} · ${p.phone ? maskPhone(p.phone) : ''}`;

  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      title={t('intake.review.summary')}
      styles={{ label: { width: 150 } }}
      items={[
        { key: 'matter', label: t('intake.review.matter'), children: `${matter.name} / ${situation.name}` },
        { key: 'mode', label: t('intake.person.mode'), children: t(`intake.modes.${app.mode}`) },
        { key: 'applicant', label: t('intake.review.applicant'), children: person(app.applicant) },
        ...(app.agent
          ? [
              {
                key: 'agent',
                label: t('intake.review.agent'),
                children: `${person(app.agent)}（${app.agent.relationship}）`,
              },
            ]
          : []),
        {
          key: 'locality',
          label: t('intake.review.locality'),
          children: app.localityDivision ? division(app.localityDivision) : '—',
        },
        ...formItems,
        {
          key: 'delivery',
          label: t('intake.review.delivery'),
          children:
            app.delivery === 'ems'
              ? `${t('intake.delivery.ems')}：${app.deliveryAddress}`
              : t(`intake.delivery.${app.delivery}`),
        },
        {
          key: 'materials',
          label: t('intake.review.materials'),
          children: t('intake.review.materialsCount', {
            count: provided.length,
            pages: provided.reduce((n, m) => n + m.pages, 0),
          }),
        },
        {
          key: 'promised',
          label: t('intake.review.promised'),
          children: promised(effectivePromisedDays(matter, situation)),
        },
      ]}
    />
  );
}

/** 确认与办结: the summary, the live check, and the three outcomes — each confirmed, each decided by the main process. */
export function ReviewStep({ check }: { check: WizardCheck }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const decide = useIntakeStore((s) => s.decide);
  const recheck = useIntakeStore((s) => s.recheck);
  const attempt = useIntakeStore((s) => s.attempt);
  const refreshIdentity = useIdentityStore((s) => s.refresh);
  const [rejecting, setRejecting] = useState(false);
  const { app, result, situation, matter } = check;
  const appKey = JSON.stringify(app);

  // The main process's own opinion (it knows the routing table) joins the local check.
  useEffect(() => {
    const timer = setTimeout(() => void recheck(JSON.parse(appKey)), 300);
    return () => clearTimeout(timer);
  }, [appKey, recheck]);

  const identityProblems = useIdentityProblems(app);
  const items = noticeItems(result, situation);
  // A 仅指引 matter ends only in guidance: a 不予收件告知书 naming where to go (the main process refuses too).
  const guidanceOnly = acceptanceModeOf(matter) === '仅指引';
  // 人证核验 is a precondition of 收件 only (the main process checks it again).
  const canAccept =
    !guidanceOnly &&
    result.fieldErrors.length === 0 &&
    result.missingMaterials.length === 0 &&
    (identityProblems ?? []).length === 0;
  const canNotify = !guidanceOnly && canIssueNotice(result, situation);
  // Once verification clears the way, the keyboard is on 收件 (unless the clerk is typing elsewhere).
  useEffect(() => {
    if (!canAccept) return;
    const active = document.activeElement;
    if (active && active !== document.body && !active.closest('.identity-panel')) return;
    document.querySelector<HTMLElement>('[data-shortcut="accept"]')?.focus();
  }, [canAccept]);
  const canReject = !result.fieldErrors.some((p) => p.path.startsWith('applicant.'));

  const run = async (outcome: Outcome, reason?: string): Promise<boolean> => {
    const answer = await decide(outcome, app, reason);
    if (answer.ok) return true;
    if (answer.error.code === 'formal-check-failed') {
      attempt(STEP.applicant);
      attempt(STEP.materials);
      void refreshIdentity(app);
      void message.error(t('intake.actions.refused'));
    } else void message.error(errorMessage(answer.error));
    return false;
  };

  const confirmAccept = () =>
    modal.confirm({
      title: t('intake.actions.acceptConfirm'),
      content: t('intake.actions.acceptConfirmText'),
      okText: t('intake.actions.accept'),
      cancelText: t('intake.actions.cancel'),
      onOk: () => run('accept'),
    });
  const confirmNotify = () =>
    modal.confirm({
      title: t('intake.actions.notifyConfirm'),
      width: 560,
      content: (
        <div>
          <p>{t('intake.actions.notifyConfirmText', { count: items.length })}</p>
          <MissingList items={items} />
        </div>
      ),
      okText: t('intake.actions.notify'),
      cancelText: t('intake.actions.cancel'),
      onOk: () => run('notify'),
    });

  return (
    <Row gutter={24}>
      <Col span={13}>
        <Summary check={check} />
      </Col>
      <Col span={11}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('intake.identity.title')}
        </Typography.Title>
        <IdentityPanel app={app} problems={identityProblems} />
        <Typography.Title level={5}>{t('intake.signature.panel.title')}</Typography.Title>
        <SignaturePanel app={app} />
        <Typography.Title level={5}>{t('intake.review.check')}</Typography.Title>
        <CheckSummary check={check} noticeItems={items} guidanceOnly={guidanceOnly} />
        {guidanceOnly && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('intake.review.guidanceOnly')}
            description={matter.guidance ? `${matter.guidance.where}；${matter.guidance.how}` : undefined}
          />
        )}
        {identityProblems && identityProblems.length > 0 && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('identity.panel.blocked')} />
        )}
        <Space wrap size={12} className="decision-bar">
          {!guidanceOnly && (
            <Button
              type="primary"
              size="large"
              icon={<CheckOutlined aria-hidden />}
              disabled={!canAccept}
              onClick={confirmAccept}
              data-shortcut="accept"
              data-step-focus
            >
              {t('intake.actions.accept')}
            </Button>
          )}
          {items.length > 0 && (
            <Button
              size="large"
              type={canAccept ? 'default' : 'primary'}
              ghost={!canAccept}
              icon={<FileExclamationOutlined aria-hidden />}
              disabled={!canNotify}
              onClick={confirmNotify}
            >
              {t('intake.actions.notify')}
            </Button>
          )}
          <Tooltip title={canReject ? undefined : t('intake.actions.rejectNeedsApplicant')}>
            <Button
              size="large"
              danger
              icon={<StopOutlined aria-hidden />}
              disabled={!canReject}
              onClick={() => setRejecting(true)}
            >
              {t('intake.actions.reject')}
            </Button>
          </Tooltip>
        </Space>
      </Col>
      {rejecting && (
        <RejectModal
          onSubmit={(reason) => run('reject', reason)}
          onClose={() => setRejecting(false)}
          {...(guidanceOnly ? { initialReason: t('intake.review.guidanceOnlyReason', { matter: matter.name }) } : {})}
        />
      )}
    </Row>
  );
}
