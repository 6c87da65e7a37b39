import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, QRCode, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Application } from '@tongban/protocol/cases/application';
import type { Signer } from '@tongban/protocol/sync/manifest-signature';
import type { SignatureStatus, SignerStatus } from '@common/signatures/views';
import { needsCustomerScreenPairing } from '../../api/customer-screen';
import { formatDateTime, formatUntil } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';
import { signingUrl } from './signing-url';
import { openSigning, signatureStatus, signingPairingUrl } from './store';
import './signature.css';

const STATE_COLOR = { unsigned: 'default', valid: 'success', stale: 'error', purged: 'default' } as const;

/**
 * 电子签名 on the review step: where each signer stands for the application as typed now, and the button
 * that opens a one-time signing page on the customer display. Main decides validity (hashes recomputed).
 */
export function SignaturePanel({ app }: { app: Application }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [status, setStatus] = useState<SignatureStatus | null>(null);
  const [asking, setAsking] = useState<{
    signer: Signer;
    ticket: string;
    expiresAt: string;
    since: string | null;
  } | null>(null);
  const [pairing, setPairing] = useState<{ url: string; expiresAt: string } | null>(null);
  const key = JSON.stringify(app);

  const refresh = useCallback(async () => {
    const r = await signatureStatus(JSON.parse(key) as Application);
    if (r.ok) setStatus(r.value);
    return r.ok ? r.value : null;
  }, [key]);

  useEffect(() => {
    let live = true;
    void signatureStatus(JSON.parse(key) as Application).then((r) => {
      if (live && r.ok) setStatus(r.value);
    });
    return () => {
      live = false;
    };
  }, [key]);

  // While the customer display is signing, follow the status until the signer's new signature arrives.
  useEffect(() => {
    if (!asking) return;
    const timer = setInterval(() => {
      void refresh().then((s) => {
        const mine = s?.signers.find((x) => x.signer === asking.signer);
        if (mine?.state === 'valid' && mine.signedAt !== asking.since) {
          setAsking(null);
          setPairing(null);
          void message.success(
            t('intake.signature.panel.done', { signer: t(`intake.signature.signers.${asking.signer}`) }),
          );
        }
      });
    }, 1500);
    return () => clearInterval(timer);
  }, [asking, refresh, message, t]);

  const ask = async (s: SignerStatus) => {
    const r = await openSigning(JSON.parse(key) as Application, s.signer);
    if (!r.ok) return void message.error(`${t('intake.signature.panel.failed')}：${errorMessage(r.error)}`);
    setAsking({ signer: s.signer, ...r.value, since: s.signedAt });
  };

  if (!status) return null;
  const signerLabel = (s: Signer) => t(`intake.signature.signers.${s}`);
  const url = asking ? signingUrl(asking.ticket) : '';
  return (
    <div className="signature-panel" data-testid="signature-panel">
      <Typography.Paragraph type={status.required ? undefined : 'secondary'}>
        {status.required
          ? t('intake.signature.panel.required', { signer: signerLabel(status.requiredSigner) })
          : t('intake.signature.panel.optional')}
      </Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
        {status.signers.map((s) => (
          <Space key={s.signer} wrap data-testid={`signer-${s.signer}`}>
            <strong>{signerLabel(s.signer)}</strong>
            <span>{s.documents.map((d) => t(`intake.signature.documents.${d}`)).join('、')}</span>
            <Tag color={STATE_COLOR[s.state]}>
              {s.state === 'valid'
                ? t('intake.signature.panel.valid', { time: formatDateTime(s.signedAt ?? '') })
                : t(`intake.signature.panel.${s.state}`)}
            </Tag>
            <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => void ask(s)}>
              {t(s.state === 'unsigned' ? 'intake.signature.panel.ask' : 'intake.signature.panel.askAgain', {
                signer: signerLabel(s.signer),
              })}
            </Button>
          </Space>
        ))}
      </Space>
      {status.signers.some((s) => s.state === 'stale') && (
        <Alert type="error" showIcon title={t('intake.signature.panel.stale')} style={{ marginBottom: 12 }} />
      )}
      {asking && (
        <Modal
          open
          title={t('intake.signature.panel.modalTitle', { signer: signerLabel(asking.signer) })}
          footer={null}
          onCancel={() => {
            setAsking(null);
            setPairing(null);
            void refresh();
          }}
          width={520}
        >
          <Typography.Paragraph>
            {t('intake.signature.panel.help', { time: formatUntil(asking.expiresAt) })}
          </Typography.Paragraph>
          <div style={{ display: 'flex', justifyContent: 'center', margin: '12px 0' }}>
            <QRCode value={url} size={180} aria-hidden />
          </div>
          <Typography.Paragraph
            copyable={{ text: url, tooltips: [t('intake.signature.panel.copy'), t('intake.signature.panel.copy')] }}
            code
            aria-label={t('intake.signature.panel.url')}
            style={{ wordBreak: 'break-all' }}
          >
            {url}
          </Typography.Paragraph>
          {needsCustomerScreenPairing() &&
            (pairing ? (
              <>
                <Typography.Paragraph>
                  {t('intake.signature.panel.pairHelp', { time: formatUntil(pairing.expiresAt) })}
                </Typography.Paragraph>
                <Typography.Paragraph code style={{ wordBreak: 'break-all' }} aria-label="pairing-url">
                  {pairing.url}
                </Typography.Paragraph>
              </>
            ) : (
              <Button
                onClick={() =>
                  void signingPairingUrl(asking.ticket).then((p) =>
                    p ? setPairing(p) : void message.error(t('intake.signature.panel.pairFailed')),
                  )
                }
              >
                {t('intake.signature.panel.pair')}
              </Button>
            ))}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('intake.signature.panel.waiting')}
          </Typography.Paragraph>
        </Modal>
      )}
    </div>
  );
}
