import { CheckCircleFilled, IdcardOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Application, Person } from '@tongban/protocol/cases/application';
import type { CardReadView } from '@common/contract/identity';
import { rolesToVerify } from '@common/identity/acceptance';
import { CARD_DOC_TYPE_LABELS_ZH, LONG_TERM } from '@common/identity/card';
import { identityOfCard, personMatchProblems } from '@common/identity/checks';
import type { VerificationRole } from '@common/identity/verification';
import type { FieldProblem } from '@common/result';
import { maskIdNumber } from '@tongban/protocol/validators/masking';
import { formatDateTime, formatUntil } from '../../../i18n/datetime';
import { errorMessage, fieldMessage } from '../../../i18n/errors';
import { useAuthStore } from '../../auth/store';
import { useIdentityStore } from '../identity-store';
import { FaceMatchAction } from './FaceMatchAction';
import { IdentityVerifyModal } from './IdentityVerifyModal';
import { OverrideModal } from './OverrideModal';
import { ReaderStatusTag, SimulatedCardPicker, useReader } from './ReaderBar';

/** Identity problems that block 受理, once the main process has answered for this application; null until then. */
export function useIdentityProblems(app: Application): FieldProblem[] | null {
  const current = useIdentityStore((s) => s.current);
  const refresh = useIdentityStore((s) => s.refresh);
  const key = JSON.stringify(app);
  useEffect(() => {
    const timer = setTimeout(() => void refresh(JSON.parse(key) as Application), 300);
    return () => clearTimeout(timer);
  }, [key, refresh]);
  return current && current.caseId === app.caseId ? (current.list.problems ?? []) : null;
}

type FormIdentity = Pick<Person, 'name' | 'idType' | 'idNumber'>;

/** The person the form names for a role; a guardian is whoever's card was read (or typed in the manual dialog). */
function personOf(app: Application, role: VerificationRole, read: CardReadView | undefined): FormIdentity {
  if (role === 'applicant') return app.applicant;
  if (role === 'agent' && app.agent) return app.agent;
  if (read) return { name: read.card.name, idType: read.idType, idNumber: read.card.idNumber };
  return { name: app.form.guardianName ?? '', idType: 'resident-id', idNumber: app.form.guardianIdNumber ?? '' };
}

/** The chip photo, large, or a note that it is unavailable. */
function ChipPhoto({ read }: { read: CardReadView }) {
  const { t } = useTranslation();
  const photo = read.card.photo;
  if (!read.photoAvailable || !photo) {
    return (
      <div
        role="note"
        style={{
          width: 153,
          height: 189,
          border: '1px dashed #d9d9d9',
          display: 'flex',
          alignItems: 'center',
          padding: 8,
          color: '#8c8c8c',
          fontSize: 'var(--fs-small)',
        }}
      >
        {t('identity.panel.photoUnavailable')}
      </div>
    );
  }
  return (
    <img
      src={`data:${photo.mediaType};base64,${photo.base64}`}
      alt={t('identity.panel.photoAlt', { name: read.card.name })}
      width={153}
      height={189}
      style={{ border: '1px solid #d9d9d9', imageRendering: 'auto', flex: 'none' }}
    />
  );
}

/** The card as read next to the form's person, with the problems found. */
function CardComparison({ read, person, showForm }: { read: CardReadView; person: FormIdentity; showForm: boolean }) {
  const { t } = useTranslation();
  const problems = [
    ...new Set([...read.problems, ...(showForm ? personMatchProblems(identityOfCard(read.card), person) : [])]),
  ];
  const validTo = read.card.validTo === LONG_TERM ? t('identity.panel.longTerm') : read.card.validTo;
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <ChipPhoto read={read} />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Descriptions
          size="small"
          column={1}
          styles={{ label: { width: 84 } }}
          items={[
            ...(showForm
              ? [
                  {
                    key: 'form',
                    label: t('identity.panel.formPerson'),
                    children: `${person.name} · ${maskIdNumber(person.idNumber)}`,
                  },
                ]
              : []),
            {
              key: 'card',
              label: t('identity.panel.cardPerson'),
              children: `${read.card.name} · ${maskIdNumber(read.card.idNumber)}`,
            },
            { key: 'type', label: t('identity.panel.docType'), children: CARD_DOC_TYPE_LABELS_ZH[read.card.docType] },
            { key: 'valid', label: t('identity.panel.validTo'), children: validTo },
            ...(read.card.issuer
              ? [{ key: 'issuer', label: t('identity.panel.issuer'), children: read.card.issuer }]
              : []),
          ]}
        />
        {problems.length === 0 ? (
          <div className="field-ok">
            <CheckCircleFilled aria-hidden /> {t('identity.panel.cardOk')}
          </div>
        ) : (
          <div role="alert" className="field-error">
            {t('identity.panel.problemsFound')}
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {problems.map((code) => (
                <li key={code}>{fieldMessage(code)}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}

/** Takes the keyboard when it appears and nobody holds it (the panel re-renders as the main process answers). */
function claimFocus(el: HTMLButtonElement | null): void {
  if (el && (!document.activeElement || document.activeElement === document.body)) el.focus();
}

/** One person to verify: the card read (photo, facts, problems), 人证一致，确认核验, 人工核验, 主管核准, and the record. */
function PersonVerification({
  app,
  role,
  problems,
}: {
  app: Application;
  role: VerificationRole;
  problems: FieldProblem[] | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const read = useIdentityStore((s) => s.reads[app.caseId]?.[role]);
  const reading = useIdentityStore((s) => s.reading);
  const reader = useIdentityStore((s) => s.reader);
  const readCard = useIdentityStore((s) => s.readCard);
  const verify = useIdentityStore((s) => s.verify);
  const list = useIdentityStore((s) => (s.current?.caseId === app.caseId ? s.current.list : null));
  const supervisor = useAuthStore((s) => s.session?.user.role === 'supervisor');
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<'manual' | 'override' | null>(null);
  const roleName = t(`intake.identity.roles.${role}`);
  const person = personOf(app, role, read);
  const own = (problems ?? []).filter((p) => p.path === role);
  const attempts = (list?.verifications ?? []).filter((v) => v.role === role && v.current);
  const latest = attempts[0];
  const override = (list?.overrides ?? []).find((o) => o.role === role && o.current);

  const readNow = async () => {
    const result = await readCard(app.caseId, role);
    if (!result.ok) void message.error(errorMessage(result.error));
  };

  const confirmChip = async () => {
    if (!read) return;
    setBusy(true);
    const result = await verify({
      caseId: app.caseId,
      role,
      method: 'chip-visual',
      readId: read.readId,
      person: { name: person.name, idType: person.idType, idNumber: person.idNumber },
      confirmedMatch: true,
    });
    setBusy(false);
    if (!result.ok) return void message.error(errorMessage(result.error));
    // The main process forgets a read once it served a verification.
    useIdentityStore.setState((s) => ({
      reads: { ...s.reads, [app.caseId]: { ...s.reads[app.caseId], [role]: undefined } },
    }));
    if (result.value.result === 'pass') void message.success(t('identity.panel.verified', { role: roleName }));
    else void message.error(t('identity.panel.failed', { role: roleName }));
  };

  return (
    <section
      aria-label={`${t('intake.identity.title')}：${roleName}`}
      style={{ padding: '12px 14px', borderTop: '1px solid #f0f0f0' }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8 }}>
        <IdcardOutlined aria-hidden style={{ fontSize: 20, color: '#1f4e8c' }} />
        <strong>
          {roleName} {person.name}
        </strong>
        {problems !== null &&
          (own.length === 0 ? (
            <Tag color="green">{t('identity.panel.results.pass')}</Tag>
          ) : (
            <Tag color="red">{t('intake.identity.verify')}</Tag>
          ))}
      </div>

      {problems === null && <div className="muted small">{t('intake.identity.loading')}</div>}
      {problems !== null && own.length === 0 && (
        <div className="field-ok">
          <CheckCircleFilled aria-hidden />{' '}
          {latest?.result === 'pass'
            ? t('intake.identity.passed', { by: latest.verifiedBy.name, time: formatUntil(latest.verifiedAt) })
            : override
              ? t('identity.panel.overridden', {
                  by: override.approvedBy.name,
                  time: formatUntil(override.approvedAt),
                  reason: override.reason,
                })
              : t('intake.identity.notNeeded')}
        </div>
      )}
      {own.length > 0 && (
        <ul className="field-error" role="alert" style={{ margin: '0 0 8px', paddingLeft: 20 }}>
          {own.map((p) => (
            <li key={p.code}>{fieldMessage(p.code)}</li>
          ))}
        </ul>
      )}

      {own.length > 0 && read && (
        <div style={{ marginBottom: 8 }}>
          <CardComparison read={read} person={person} showForm={role !== 'guardian'} />
          {/* One deliberate action: the clerk compared the holder with the chip photo and says so (人证一致). */}
          <div style={{ marginTop: 8 }}>
            <Button
              type="primary"
              loading={busy}
              onClick={() => void confirmChip()}
              title={t('identity.panel.confirmMatch')}
              data-step-focus
              ref={claimFocus}
            >
              {t('identity.panel.verifyChipMatch')}
            </Button>{' '}
            {read.photoAvailable && (
              <FaceMatchAction
                caseId={app.caseId}
                role={role}
                readId={read.readId}
                person={{ name: person.name, idType: person.idType, idNumber: person.idNumber }}
              />
            )}
          </div>
        </div>
      )}

      {own.length > 0 && (
        <Space wrap>
          <Button
            icon={<IdcardOutlined aria-hidden />}
            loading={reading}
            disabled={!reader || reader.driver === 'none'}
            onClick={() => void readNow()}
            data-shortcut="read-card"
          >
            {t('identity.panel.readForRole', { role: roleName })}
          </Button>
          <Button onClick={() => setDialog('manual')} title={t('identity.panel.manualHint')}>
            {t('identity.panel.manual')}
          </Button>
          {supervisor && (
            <Button danger onClick={() => setDialog('override')}>
              {t('identity.panel.override')}
            </Button>
          )}
        </Space>
      )}

      {attempts.length > 0 && (
        <div style={{ marginTop: 8 }} aria-label={t('identity.panel.record')}>
          <div className="muted small">{t('identity.panel.record')}</div>
          {attempts.slice(0, 3).map((v) => (
            <div key={v.id} className="small">
              <span style={{ color: v.result === 'pass' ? '#389e0d' : '#cf1322' }}>
                {t('identity.panel.recordLine', {
                  method: t(`identity.panel.methods.${v.method}`),
                  result: t(`identity.panel.results.${v.result}`),
                  by: v.verifiedBy.name,
                  time: formatDateTime(v.verifiedAt),
                })}
              </span>
              {v.faceMatch && (
                <span className="muted">
                  {' '}
                  ·{' '}
                  {t('identity.face.recordScore', {
                    score: v.faceMatch.similarity?.toFixed(2) ?? '—',
                    threshold: v.faceMatch.threshold.toFixed(2),
                    live: v.faceMatch.liveScore?.toFixed(2) ?? '—',
                  })}
                </span>
              )}
              {v.manualReason && (
                <span className="muted"> · {t('identity.panel.reason', { reason: v.manualReason })}</span>
              )}
              {v.problems.length > 0 && (
                <span className="field-error"> · {v.problems.map((code) => fieldMessage(code)).join('；')}</span>
              )}
            </div>
          ))}
        </div>
      )}

      {dialog === 'manual' && (
        <IdentityVerifyModal caseId={app.caseId} role={role} person={person} onClose={() => setDialog(null)} />
      )}
      {dialog === 'override' && <OverrideModal caseId={app.caseId} role={role} onClose={() => setDialog(null)} />}
    </section>
  );
}

/** 人证核验: who must be verified before 受理 (applicant, or the agent for 代办, and a guardian for a minor), and their state. */
export function IdentityPanel({ app, problems }: { app: Application; problems: FieldProblem[] | null }) {
  const { t } = useTranslation();
  useReader();
  const reader = useIdentityStore((s) => s.reader);
  const roles = [
    ...new Set<VerificationRole>([
      ...rolesToVerify(app),
      ...(problems ?? []).map((p) => p.path).filter((p): p is VerificationRole => p === 'guardian'),
    ]),
  ];

  return (
    <div className="identity-panel" aria-label={t('intake.identity.title')}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', padding: '8px 14px' }}>
        <span className="muted small">{t('identity.reader.title')}</span>
        <ReaderStatusTag status={reader} />
        <SimulatedCardPicker />
      </div>
      {roles.map((role) => (
        <PersonVerification key={role} app={app} role={role} problems={problems} />
      ))}
    </div>
  );
}
