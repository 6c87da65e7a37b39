import { IdcardOutlined } from '@ant-design/icons';
import { Alert, App, Button, Select, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardReadView, ReaderStatus } from '@common/contract/identity';
import { CARD_DOC_TYPE_LABELS_ZH } from '@common/identity/card';
import type { VerificationRole } from '@common/identity/verification';
import { api } from '../../../api/call';
import { errorMessage } from '../../../i18n/errors';
import { followReaderStatus, useIdentityStore } from '../identity-store';
import { materialsFor } from '@common/cases/formal-check';
import { cardExpiry, identityMaterialOf } from '@common/cases/material-defaults';
import { chinaDate } from '@common/time';
import { findMatter, findSituation, useCatalogueStore } from '../catalogue-store';
import { firstEmpty } from '../../../forms/focus';
import { useIntakeStore } from '../wizard-store';

const STATE_COLORS: Record<ReaderStatus['state'], string> = {
  disconnected: 'default',
  ready: 'blue',
  'card-present': 'green',
  reading: 'processing',
  error: 'red',
};

/** The reader's state as a tag, with the reason when it is not usable. */
export function ReaderStatusTag({ status }: { status: ReaderStatus | null }) {
  const { t } = useTranslation();
  if (!status) return null;
  const reason =
    status.errorCode && (status.state === 'error' || status.state === 'disconnected')
      ? errorMessage({ code: status.errorCode as never, message: '' })
      : null;
  return (
    <span role="status" aria-label={t('identity.reader.title')}>
      <Tag color={STATE_COLORS[status.state]}>{t(`identity.reader.states.${status.state}`)}</Tag>
      {reason && <span className="muted small">{reason}</span>}
    </span>
  );
}

/** 模拟放卡 / 取卡 of the simulated reader (training mode). */
export function SimulatedCardPicker() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reader = useIdentityStore((s) => s.reader);
  const testCards = useIdentityStore((s) => s.testCards);
  const placeCard = useIdentityStore((s) => s.placeCard);
  const removeCard = useIdentityStore((s) => s.removeCard);
  if (reader?.driver !== 'simulated') return null;
  return (
    <Space wrap>
      <Select
        aria-label={t('identity.reader.simulatedCard')}
        style={{ width: 320 }}
        placeholder={t('identity.reader.simulatedPlaceholder')}
        value={reader.simulatedCardId ?? undefined}
        options={testCards.map((c) => ({ value: c.cardId, label: c.label }))}
        onChange={(cardId: string) =>
          void placeCard(cardId).then((r) => !r.ok && void message.error(errorMessage(r.error)))
        }
      />
      <Button disabled={!reader.simulatedCardId} onClick={() => void removeCard()}>
        {t('identity.reader.remove')}
      </Button>
    </Space>
  );
}

/** Keeps the reader state fresh while mounted. */
export function useReader(): void {
  const loadReader = useIdentityStore((s) => s.loadReader);
  useEffect(() => {
    void loadReader();
    return followReaderStatus();
  }, [loadReader]);
}

/** An expired card, or one in force for less than 30 more days, flagged as soon as it is read. */
export function ExpiryFlag({ validTo }: { validTo: string }) {
  const { t } = useTranslation();
  const today = chinaDate(new Date());
  const expiry = cardExpiry(validTo, today);
  if (!expiry) return null;
  const days = Math.round((Date.parse(`${validTo}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return (
    <Alert
      type={expiry === 'expired' ? 'error' : 'warning'}
      showIcon
      role="alert"
      style={{ flexBasis: '100%' }}
      title={t(`identity.reader.${expiry}`, { date: validTo, days: days + 1 })}
    />
  );
}

/** 读取身份证 on 申请人信息: fills the applicant (or the agent, for 代办) from the chip; also reads a card as soon as polling reports it. */
export function ReaderBar() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  useReader();
  const reader = useIdentityStore((s) => s.reader);
  const reading = useIdentityStore((s) => s.reading);
  const readCard = useIdentityStore((s) => s.readCard);
  const caseId = useIntakeStore((s) => s.wizard.caseId);
  const mode = useIntakeStore((s) => s.wizard.data.mode);
  const role: VerificationRole = mode === 'proxy' ? 'agent' : 'applicant';
  const lastRead = useIdentityStore((s) => (caseId ? s.reads[caseId]?.[role] : undefined));

  const fill = (read: CardReadView) => {
    const { wizard, fillFromCard, touch } = useIntakeStore.getState();
    const { catalogue } = useCatalogueStore.getState();
    const situation = findSituation(findMatter(catalogue, wizard.data.matterCode), wizard.data.situationCode);
    const material = situation ? identityMaterialOf(materialsFor(situation, wizard.data), role) : undefined;
    const card = {
      name: read.card.name,
      idType: read.idType,
      idNumber: read.card.idNumber,
      address: read.card.address,
    };
    fillFromCard(role, card, material?.code ?? null);
    for (const key of ['name', 'idType', 'idNumber']) touch(`${role}.${key}`);
    // The clerk types on where the card left off (联系电话 for most people).
    setTimeout(() => {
      const body = document.querySelector<HTMLElement>('.wizard-body');
      if (body) firstEmpty(body)?.focus();
    });
    void message.success(
      t('identity.reader.filled', {
        role: t(`intake.identity.roles.${role}`),
        name: read.card.name,
        docType: CARD_DOC_TYPE_LABELS_ZH[read.card.docType],
      }),
    );
  };

  const read = async (readId?: string) => {
    if (!caseId) return;
    const result = await readCard(caseId, role, readId);
    if (result.ok) fill(result.value);
    else void message.error(errorMessage(result.error));
  };

  // Polling: the main process read the card when it was placed; fetch that read and fill the form.
  useEffect(() => api.on('reader:card', ({ readId }) => void read(readId)));

  const usable = reader && reader.driver !== 'none';
  return (
    <div
      className="reader-bar"
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        flexWrap: 'wrap',
        marginBottom: 16,
        padding: '10px 14px',
        border: '1px solid #e5e7eb',
        borderRadius: 4,
        background: '#fafbfc',
      }}
    >
      <Button
        type="primary"
        icon={<IdcardOutlined aria-hidden />}
        loading={reading}
        disabled={!usable}
        onClick={() => void read()}
        data-shortcut="read-card"
      >
        {t('identity.reader.read')}
      </Button>
      <ReaderStatusTag status={reader} />
      <SimulatedCardPicker />
      {lastRead && (
        <span className="muted small" role="note">
          {t('identity.reader.filledNote', {
            name: lastRead.card.name,
            docType: CARD_DOC_TYPE_LABELS_ZH[lastRead.card.docType],
          })}
        </span>
      )}
      {lastRead && <ExpiryFlag validTo={lastRead.card.validTo} />}
      {reader?.driver === 'simulated' && (
        <Alert type="warning" showIcon banner title={t('identity.reader.training')} style={{ flexBasis: '100%' }} />
      )}
    </div>
  );
}
