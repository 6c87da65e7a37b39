import { StarOutlined } from '@ant-design/icons';
import { App, Button, Modal, QRCode, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingTicketView } from '@common/supervisor/views';
import { formatUntil } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';
import { ratingUrl } from './ratings-url';
import { needsCustomerScreenPairing } from '../../api/customer-screen';
import { customerScreenPairingUrl, openRatingTicket } from './store';

/**
 * 邀请评价: opens a one-time rating ticket for a decided case and shows the customer display's
 * address (QR code and text). Drop it into any case view: `<InviteRatingButton caseId={id} />`.
 */
export function InviteRatingButton({ caseId, size }: { caseId: string; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [ticket, setTicket] = useState<RatingTicketView | null>(null);
  const [pairing, setPairing] = useState<{ url: string; expiresAt: string } | null>(null);

  const pair = async (forTicket: string) => {
    const result = await customerScreenPairingUrl(forTicket);
    if (result) setPairing(result);
    else void message.error(t('supervisor.rating.pairFailed'));
  };

  const invite = async () => {
    setBusy(true);
    const result = await openRatingTicket(caseId);
    setBusy(false);
    if (result.ok) setTicket(result.value);
    else void message.error(`${t('supervisor.rating.failed')}：${errorMessage(result.error)}`);
  };

  const url = ticket ? ratingUrl(ticket.ticket) : '';
  return (
    <>
      <Button size={size} icon={<StarOutlined aria-hidden />} loading={busy} onClick={() => void invite()}>
        {t('supervisor.rating.invite')}
      </Button>
      {ticket && (
        <Modal
          open
          title={t('supervisor.rating.title')}
          footer={null}
          onCancel={() => {
            setTicket(null);
            setPairing(null);
          }}
          width={520}
        >
          <Typography.Paragraph>
            {t('supervisor.rating.summary', {
              matter: ticket.summary.matterName,
              situation: ticket.summary.situationName,
              applicant: ticket.summary.applicantName,
            })}
          </Typography.Paragraph>
          <Typography.Paragraph>
            {t('supervisor.rating.help', { time: formatUntil(ticket.expiresAt) })}
          </Typography.Paragraph>
          <div style={{ display: 'flex', justifyContent: 'center', margin: '12px 0' }}>
            <QRCode value={url} size={200} aria-hidden />
          </div>
          <Typography.Text strong>{t('supervisor.rating.url')}</Typography.Text>
          <Typography.Paragraph
            copyable={{ text: url, tooltips: [t('supervisor.rating.copy'), t('supervisor.rating.copy')] }}
            code
            aria-label={t('supervisor.rating.url')}
            style={{ wordBreak: 'break-all' }}
          >
            {url}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('supervisor.rating.setupHelp')}</Typography.Paragraph>
          {needsCustomerScreenPairing() &&
            (pairing ? (
              <>
                <Typography.Paragraph>
                  {t('supervisor.rating.pairHelp', { time: formatUntil(pairing.expiresAt) })}
                </Typography.Paragraph>
                <Typography.Paragraph
                  copyable={{ text: pairing.url, tooltips: [t('supervisor.rating.copy'), t('supervisor.rating.copy')] }}
                  code
                  aria-label={t('supervisor.rating.pairUrl')}
                  style={{ wordBreak: 'break-all' }}
                >
                  {pairing.url}
                </Typography.Paragraph>
              </>
            ) : (
              <Button onClick={() => void pair(ticket.ticket)}>{t('supervisor.rating.pair')}</Button>
            ))}
        </Modal>
      )}
    </>
  );
}
