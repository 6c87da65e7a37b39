import { LockOutlined } from '@ant-design/icons';
import { Alert, Card, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/errors';
import { DayCloseActions, ExportButtons } from './LedgerActions';
import { LedgerFilters } from './LedgerFilters';
import { LedgerSummary } from './LedgerSummary';
import { LedgerTable } from './LedgerTable';
import { useLedgerStore } from './ledger-store';
import './supervisor.css';

/** What 校验日结 found, until the scope changes. */
function VerificationOutcome() {
  const { t } = useTranslation();
  const v = useLedgerStore((s) => s.verification);
  if (!v) return null;
  if (v.ok)
    return (
      <Alert
        type="success"
        showIcon
        role="status"
        title={t('supervisor.close.verifyOk', { date: v.date, adjustments: v.adjustments })}
        style={{ marginBottom: 12 }}
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('supervisor.close.verifyBad', { date: v.date, count: v.problems.length })}
      description={
        <ul className="sup-problems">
          {v.problems.map((p, i) => (
            <li key={i}>
              {t('supervisor.close.problem', {
                kind: t(`supervisor.close.kinds.${p.kind}`),
                field: p.field ? `（${p.field}）` : '',
              })}
            </li>
          ))}
        </ul>
      }
      style={{ marginBottom: 12 }}
    />
  );
}

/** 业务台账 (ledger): one day (default today) or a range; summary, charts, detail, exports and 日结. */
export function LedgerPage() {
  const { t } = useTranslation();
  const view = useLedgerStore((s) => s.view);
  const scope = useLedgerStore((s) => s.scope);
  const loadError = useLedgerStore((s) => s.loadError);
  const load = useLedgerStore((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);

  const day = scope.date ?? null;
  const closed = day ? view?.closedDays.find((c) => c.date === day) : undefined;

  return (
    <Card
      title={
        <Space>
          {t('supervisor.ledger.title')}
          {view && <Typography.Text type="secondary">{view.hallName}</Typography.Text>}
          {day &&
            view &&
            (closed ? (
              <Tag color="purple" icon={<LockOutlined />}>
                {t('supervisor.ledger.closedTag', { version: closed.version })}
              </Tag>
            ) : (
              <Tag>{t('supervisor.ledger.openTag')}</Tag>
            ))}
        </Space>
      }
      extra={day && !loadError ? <DayCloseActions date={day} closed={Boolean(closed)} /> : null}
    >
      <LedgerFilters />
      {loadError && (
        <Alert
          type="error"
          showIcon
          title={t('supervisor.loadFailed')}
          description={errorMessage(loadError)}
          style={{ margin: '12px 0' }}
        />
      )}
      <div style={{ height: 12 }} />
      <VerificationOutcome />
      {!day && view && view.closedDays.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          {view.closedDays.map((c) => (
            <Tag key={c.date} color="purple" icon={<LockOutlined />}>
              {c.date}
            </Tag>
          ))}
        </div>
      )}
      {view && <LedgerSummary summary={view.summary} />}
      <div className="sup-toolbar">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('supervisor.ledger.detail')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }} role="status">
            {t('supervisor.ledger.total', { count: view?.total ?? 0 })}
            {view &&
              view.adjustments.length > 0 &&
              `，${t('supervisor.ledger.adjustments', { count: view.adjustments.length })}`}
          </Typography.Text>
        </Typography.Title>
        <ExportButtons />
      </div>
      <LedgerTable />
    </Card>
  );
}
