import { Alert, Descriptions, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';
import { RatingForm } from './RatingForm';
import { useRatingScreenStore } from './store';
import './rating.css';

/** The applicant's rating screen (no sign-in): the case to confirm, the rating form, then thanks. */
export function RatingScreen({ ticket }: { ticket: string }) {
  const { t } = useTranslation();
  const phase = useRatingScreenStore((s) => s.phase);
  const summary = useRatingScreenStore((s) => s.summary);
  const error = useRatingScreenStore((s) => s.error);
  const poor = useRatingScreenStore((s) => s.poor);
  const open = useRatingScreenStore((s) => s.open);

  useEffect(() => {
    void open(ticket);
  }, [open, ticket]);

  let body;
  if (phase === 'loading') body = <Spin size="large" description={t('supervisor.screen.loading')} />;
  else if (phase === 'invalid')
    body = (
      <Result
        status="warning"
        title={t('supervisor.screen.invalid')}
        subTitle={error ? errorMessage(error) : t('supervisor.screen.noTicket')}
      />
    );
  else if (phase === 'rated')
    body = (
      <Result
        status="success"
        title={t('supervisor.screen.thanks')}
        subTitle={
          poor
            ? `${t('supervisor.screen.thanksBody')}${t('supervisor.screen.thanksPoor')}`
            : t('supervisor.screen.thanksBody')
        }
      />
    );
  else if (phase === 'declined') body = <Result status="info" title={t('supervisor.screen.declined')} />;
  else
    body = summary && (
      <>
        <Descriptions column={1} size="middle" bordered className="rate-summary">
          <Descriptions.Item
            label={t('supervisor.screen.case')}
          >{`${summary.matterName} / ${summary.situationName}`}</Descriptions.Item>
          <Descriptions.Item label={t('supervisor.screen.hall')}>
            {t('supervisor.screen.hallWindow', { hall: summary.hallName, no: summary.windowNo })}
          </Descriptions.Item>
          <Descriptions.Item label={t('supervisor.screen.applicant')}>{summary.applicantName}</Descriptions.Item>
          <Descriptions.Item label={t('supervisor.screen.decidedAt')}>
            {formatDateTime(summary.decidedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('supervisor.screen.clerk')}>{summary.clerkName}</Descriptions.Item>
        </Descriptions>
        <RatingForm />
      </>
    );

  return (
    <main className="rate-screen">
      <div className="rate-panel">
        <h1>{t('supervisor.screen.title')}</h1>
        {phase === 'ready' && !summary && <Alert type="error" title={t('supervisor.screen.noTicket')} />}
        {body}
      </div>
    </main>
  );
}
