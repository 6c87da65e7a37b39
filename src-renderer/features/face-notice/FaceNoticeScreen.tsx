import { Button, Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FaceNoticeView } from '@common/identity/face-notice';
import type { AppErrorData } from '@common/result';
import { call } from '../../api/call';
import { signingErrorMessage } from '../signature/store';
import '../rating/rating.css';
import '../signature/signature.css';
import { CustomerPanel } from '../customer/CustomerPanel';

/**
 * 人脸图像采集告知 on the applicant's own display, before the camera: the text main serves (main records that
 * this display fetched it), then 同意 or 不同意; the clerk's screen follows the answer.
 */
export function FaceNoticeScreen({ ticket }: { ticket: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<FaceNoticeView | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [answer, setAnswer] = useState<'agreed' | 'refused' | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (ticket)
      void call('identity:faceNoticeView', { ticket }).then((r) => (r.ok ? setView(r.value) : setError(r.error)));
  }, [ticket]);

  const send = async (agreed: boolean) => {
    if (!view) return;
    setBusy(true);
    const r = await call('identity:faceNoticeAnswer', { ticket, agreed, textSha256: view.textSha256 });
    setBusy(false);
    if (r.ok) setAnswer(r.value.answer);
    else setError(r.error);
  };

  let body;
  if (error || !ticket)
    body = (
      <Result
        status="warning"
        title={t('identity.face.customer.invalid')}
        subTitle={error ? signingErrorMessage(error) : undefined}
      />
    );
  else if (!view) body = <Spin size="large" />;
  else if (answer ?? view.answer)
    body = (
      <Result
        status={(answer ?? view.answer) === 'agreed' ? 'success' : 'info'}
        title={t(`identity.face.customer.${answer ?? view.answer}`)}
      />
    );
  else
    body = (
      <>
        <p className="sign-signer">{t(`identity.face.customer.for.${view.role}`)}</p>
        <div className="sign-text" tabIndex={0} aria-label={t('identity.face.customer.title')}>
          {view.text}
        </div>
        <p className="sign-read">{t('identity.face.customer.choice')}</p>
        <div className="rate-actions" style={{ marginTop: 16 }}>
          <Button size="large" loading={busy} onClick={() => void send(false)}>
            {t('identity.face.customer.refuse')}
          </Button>
          <Button type="primary" size="large" loading={busy} onClick={() => void send(true)}>
            {t('identity.face.customer.agree')}
          </Button>
        </div>
      </>
    );

  return <CustomerPanel title={t('identity.face.customer.title')}>{body}</CustomerPanel>;
}
