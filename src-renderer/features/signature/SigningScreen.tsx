import { Alert, Button, Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'react-signature-pad-wrapper';
import type { AppErrorData } from '@common/result';
import type { SignatureTicketView } from '@common/signatures/views';
import { loadSigning, signingErrorMessage, submitSignature } from './store';
import '../rating/rating.css';
import './signature.css';
import { CustomerPanel } from '../customer/CustomerPanel';

type Phase = 'loading' | 'ready' | 'invalid' | 'signed';

/**
 * The applicant's (or agent's) signing page on the customer display, no sign-in: the full text main built,
 * then a signature box (touch, stylus, mouse, or a signature pad acting as a pointer device).
 */
export function SigningScreen({ ticket }: { ticket: string }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>(ticket ? 'loading' : 'invalid');
  const [view, setView] = useState<SignatureTicketView | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pad = useRef<SignaturePad>(null);

  useEffect(() => {
    if (!ticket) return;
    void loadSigning(ticket).then((r) => {
      if (r.ok) {
        setView(r.value);
        setPhase('ready');
      } else {
        setError(r.error);
        setPhase('invalid');
      }
    });
  }, [ticket]);

  const confirm = async () => {
    const p = pad.current;
    if (!p || !view) return;
    if (p.isEmpty()) return void setHint(t('intake.signature.screen.empty'));
    setBusy(true);
    const result = await submitSignature({
      ticket,
      textSha256: view.textSha256,
      contentSha256: view.contentSha256,
      points: p
        .toData()
        .map((g) => ({ ...g, points: g.points.map(({ x, y, time, pressure }) => ({ x, y, time, pressure })) })),
      png: p.toDataURL('image/png').replace(/^data:image\/png;base64,/, ''),
      svg: p.toSVG(),
    });
    setBusy(false);
    if (result.ok) return void setPhase('signed');
    if (result.error.code === 'conflict' || result.error.code === 'not-found') {
      setError(result.error);
      return void setPhase('invalid');
    }
    setHint(signingErrorMessage(result.error));
  };

  let body;
  if (phase === 'loading') body = <Spin size="large" description={t('intake.signature.screen.loading')} />;
  else if (phase === 'invalid')
    body = (
      <Result
        status="warning"
        title={t('intake.signature.screen.invalid')}
        subTitle={error ? signingErrorMessage(error) : t('intake.signature.screen.noTicket')}
      />
    );
  else if (phase === 'signed')
    body = (
      <Result
        status="success"
        title={t('intake.signature.screen.done')}
        subTitle={t('intake.signature.screen.doneBody')}
      />
    );
  else
    body = view && (
      <>
        <p className="sign-signer">
          {t('intake.signature.screen.signer', {
            signer: t(`intake.signature.signers.${view.signer}`),
            name: view.signerName,
          })}
        </p>
        <div className="sign-text" tabIndex={0} aria-label={t('intake.signature.screen.title')}>
          {view.text}
        </div>
        <p className="sign-read">{t('intake.signature.screen.readAll')}</p>
        <div className="sign-pad" onPointerDown={() => setHint(null)}>
          <SignaturePad
            ref={pad}
            height={220}
            options={{ penColor: '#0b1f3a', minWidth: 1.2, maxWidth: 3.2 }}
            canvasProps={{ 'aria-label': t('intake.signature.screen.padLabel'), 'data-testid': 'signature-pad' }}
          />
        </div>
        {hint && <Alert type="warning" showIcon title={hint} style={{ marginTop: 12 }} />}
        <div className="rate-actions" style={{ marginTop: 16 }}>
          <Button size="large" onClick={() => pad.current?.clear()}>
            {t('intake.signature.screen.clear')}
          </Button>
          <Button type="primary" size="large" loading={busy} onClick={() => void confirm()}>
            {t('intake.signature.screen.confirm')}
          </Button>
        </div>
      </>
    );

  return <CustomerPanel title={t('intake.signature.screen.title')}>{body}</CustomerPanel>;
}
