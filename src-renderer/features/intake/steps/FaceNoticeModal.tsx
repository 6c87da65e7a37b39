import { Alert, App, Button, Modal, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FaceNoticeStatus } from '@common/identity/face-notice';
import type { VerificationRole } from '@common/identity/verification';
import { call } from '../../../api/call';
import { needsCustomerScreenPairing, pairCustomerScreen } from '../../../api/customer-screen';
import { formatDateTime, formatUntil } from '../../../i18n/datetime';
import { errorMessage } from '../../../i18n/errors';
import { faceNoticeUrl } from '../../face-notice/FaceNoticeRoute';

/**
 * The PIPL notice before 人证比对 (decision 0190): main opens a one-time notice for the person, the applicant
 * reads it on the customer display and answers there; this modal follows main's record of it and goes on
 * to the camera only once main has the applicant's agreement.
 */
export function FaceNoticeModal({
  caseId,
  role,
  onAgreed,
  onClose,
}: {
  caseId: string;
  role: VerificationRole;
  onAgreed: (noticeId: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [opened, setOpened] = useState<{ noticeId: string; ticket: string; expiresAt: string } | null>(null);
  const [status, setStatus] = useState<FaceNoticeStatus | null>(null);
  const [pairing, setPairing] = useState<string | null>(null);

  useEffect(() => {
    void call('identity:openFaceNotice', { caseId, role }).then((r) => {
      if (r.ok) setOpened(r.value);
      else {
        void message.error(errorMessage(r.error));
        onClose();
      }
    });
  }, [caseId, role, message, onClose]);

  useEffect(() => {
    if (!opened) return;
    const timer = setInterval(() => {
      void call('identity:faceNoticeStatus', { noticeId: opened.noticeId }).then((r) => {
        if (!r.ok) return;
        setStatus(r.value);
        if (r.value.answer === 'agreed') onAgreed(opened.noticeId);
        if (r.value.answer === 'refused') {
          void message.warning(t('identity.face.refused'), 8);
          onClose();
        }
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [opened, onAgreed, onClose, message, t]);

  const url = opened ? faceNoticeUrl(opened.ticket) : '';
  return (
    <Modal open title={t('identity.face.noticeTitle')} footer={null} onCancel={onClose} width={560}>
      <Typography.Paragraph>{t('identity.face.notice')}</Typography.Paragraph>
      {!opened ? (
        <Spin />
      ) : (
        <>
          <Typography.Paragraph>
            {t('identity.face.showOnCustomer', { time: formatUntil(opened.expiresAt) })}
          </Typography.Paragraph>
          <Typography.Paragraph code copyable={{ text: url }} style={{ wordBreak: 'break-all' }}>
            {url}
          </Typography.Paragraph>
          {needsCustomerScreenPairing() &&
            (pairing ? (
              <Typography.Paragraph code style={{ wordBreak: 'break-all' }} aria-label="pairing-url">
                {pairing}
              </Typography.Paragraph>
            ) : (
              <Button
                onClick={() =>
                  void pairCustomerScreen().then((p) =>
                    p
                      ? setPairing(`${p.url}#/face-notice?ticket=${encodeURIComponent(opened.ticket)}`)
                      : void message.error(t('identity.face.pairFailed')),
                  )
                }
              >
                {t('identity.face.pair')}
              </Button>
            ))}
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            title={
              status?.shownAt
                ? t('identity.face.waitingAnswer', { time: formatDateTime(status.shownAt) })
                : t('identity.face.waitingShown')
            }
          />
        </>
      )}
    </Modal>
  );
}
