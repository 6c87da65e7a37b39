import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Statistic, Tag } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardView } from '@common/supervisor/views';
import { formatDateTime } from '../../i18n/datetime';
import { openCasesWith } from '../cases/store';
import { errorMessage } from '../../i18n/errors';
import { BackupsSection } from './BackupsSection';
import { ChartFigure } from './ChartFigure';
import { formatSeconds, levelLabel, LEVEL_COLORS } from './format';
import { formatPercent } from './percent';
import { useDashboardStore } from './dashboard-store';
import { useDisplayStore } from '../shell/display-store';
import './supervisor.css';

const GOOD_DEVICE = ['ready', 'card-present', 'reading'];

function Devices({ windows }: { windows: DashboardView['windows'] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('supervisor.dashboard.devices')}>
      {windows.map((w) => (
        <div key={w.windowCode} style={{ marginBottom: 8 }}>
          <strong>{t('supervisor.dashboard.windowNo', { no: w.windowNo, code: w.windowCode })}</strong>
          <div>
            {t('supervisor.dashboard.reader')}：
            <Tag color={GOOD_DEVICE.includes(w.reader.state) ? 'green' : 'orange'} title={w.reader.detail ?? undefined}>
              {t(`supervisor.dashboard.readerStates.${w.reader.state}`, { defaultValue: w.reader.state })}
            </Tag>
          </div>
          <div>
            {t('supervisor.dashboard.printers')}：
            {w.printers.map((p) => (
              <Tag
                key={p.role}
                color={p.state === 'ready' ? 'green' : p.state === 'not-configured' ? 'default' : 'orange'}
                title={p.detail ? t(`printing.settings.details.${p.detail}`, { defaultValue: p.detail }) : undefined}
              >{`${t(`supervisor.dashboard.printerRoles.${p.role}`)}：${t(`supervisor.dashboard.printerStates.${p.state}`)}`}</Tag>
            ))}
          </div>
        </div>
      ))}
    </Card>
  );
}

function Body({ view }: { view: DashboardView }) {
  // Chart labels are SVG attributes (no CSS variables): 大字模式 picks their size here.
  const tickSize = useDisplayStore((s) => s.largeText) ? 14 : 12;
  const { t } = useTranslation();
  const levels = ([5, 4, 3, 2, 1] as const).map((l) => ({
    level: l,
    name: levelLabel(l),
    count: view.ratings.byLevel[String(l) as '1'],
  }));
  const age = view.sync.oldestUnsent
    ? view.sync.oldestUnsent.ageMinutes < 120
      ? t('supervisor.dashboard.ageMinutes', { count: view.sync.oldestUnsent.ageMinutes })
      : t('supervisor.dashboard.ageHours', { count: Math.floor(view.sync.oldestUnsent.ageMinutes / 60) })
    : '';
  const b = view.backups;
  return (
    <>
      {(b.warning || b.lastRunFailed) && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={b.lastRunFailed ? t('supervisor.dashboard.backupFailed') : t('supervisor.dashboard.backupWarn')}
          style={{ marginBottom: 12 }}
        />
      )}
      {view.sync.reenrolmentRequired && (
        <Alert type="error" showIcon title={t('supervisor.dashboard.reenrol')} style={{ marginBottom: 12 }} />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12} xl={8}>
          <Card
            size="small"
            title={t('supervisor.dashboard.today')}
            extra={
              <Tag color={view.today.closed ? 'purple' : 'default'}>
                {t(view.today.closed ? 'supervisor.dashboard.dayClosed' : 'supervisor.dashboard.dayOpen')}
              </Tag>
            }
          >
            <Space size="large" wrap>
              <Statistic title={t('supervisor.dashboard.today')} value={view.today.total} />
              <Statistic title={t('supervisor.dashboard.accepted')} value={view.today.accepted} />
              <Statistic title={t('supervisor.dashboard.incomplete')} value={view.today.incomplete} />
              <Statistic title={t('supervisor.dashboard.rejected')} value={view.today.rejected} />
              <Statistic
                title={t('supervisor.dashboard.avgTime')}
                value={formatSeconds(view.today.avgCounterSeconds)}
              />
            </Space>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card size="small" title={t('supervisor.dashboard.sync')}>
            <Space size="large">
              <Statistic
                title={t('supervisor.dashboard.backlog')}
                value={view.sync.backlog}
                styles={{ content: { color: view.sync.backlog ? '#d46b08' : undefined } }}
              />
              <Statistic
                title={t('supervisor.dashboard.unsentRecords')}
                value={view.sync.unsentRecords}
                styles={{ content: { color: view.sync.unsentRecords ? '#d46b08' : undefined } }}
              />
              {view.sync.needsAttention > 0 ? (
                <button
                  type="button"
                  className="stat-link"
                  aria-label={t('supervisor.dashboard.openNeedsAttention', { count: view.sync.needsAttention })}
                  onClick={() => openCasesWith({ syncState: 'needs-attention' })}
                >
                  <Statistic
                    title={t('supervisor.dashboard.needsAttention')}
                    value={view.sync.needsAttention}
                    styles={{ content: { color: '#cf1322' } }}
                  />
                </button>
              ) : (
                <Statistic title={t('supervisor.dashboard.needsAttention')} value={0} />
              )}
            </Space>
            {view.sync.oldestUnsent && (
              <p className="sup-muted">
                {t('supervisor.dashboard.oldest', { no: view.sync.oldestUnsent.documentNo ?? '—', age })}
              </p>
            )}
            <p className="sup-muted">
              {t('supervisor.dashboard.lastSuccess', {
                time: view.sync.lastSuccessAt
                  ? formatDateTime(view.sync.lastSuccessAt)
                  : t('supervisor.dashboard.never'),
              })}
            </p>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card size="small" title={t('supervisor.dashboard.followUps')}>
            <Space size="large">
              <Statistic title={t('supervisor.dashboard.followOpen')} value={view.followUps.open} />
              <Statistic
                title={t('supervisor.dashboard.followOverdue')}
                value={view.followUps.overdue}
                styles={{ content: { color: view.followUps.overdue ? '#cf1322' : undefined } }}
              />
              <Statistic title={t('supervisor.dashboard.followDueSoon')} value={view.followUps.dueWithin2WorkingDays} />
            </Space>
            <p className="sup-muted">
              {b.ageHours === null
                ? t('supervisor.dashboard.noBackup')
                : t('supervisor.dashboard.backupAge', { hours: Math.round(b.ageHours * 10) / 10 })}
            </p>
            <p className="sup-muted">
              {t('supervisor.dashboard.unclosed')}：
              {view.unclosedDays.length ? view.unclosedDays.join('、') : t('supervisor.dashboard.allClosed')}
            </p>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={12}>
          <Card size="small" title={t('supervisor.dashboard.ratings')}>
            <Space size="large" style={{ marginBottom: 8 }}>
              <Statistic title={t('supervisor.dashboard.ratings')} value={view.ratings.today} />
              <Statistic title={t('supervisor.dashboard.poorToday')} value={view.ratings.poorToday} />
              <Statistic
                title={t('supervisor.dashboard.satisfaction')}
                value={formatPercent(view.ratings.satisfactionRate)}
              />
            </Space>
            <ChartFigure title={t('supervisor.dashboard.ratingsChart')}>
              <BarChart width={460} height={200} data={levels} title={t('supervisor.dashboard.ratingsChart')}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" tick={{ fontSize: tickSize }} />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Bar dataKey="count" name={t('supervisor.dashboard.ratings')} isAnimationActive={false}>
                  {levels.map((l) => (
                    <Cell key={l.level} fill={LEVEL_COLORS[l.level]} />
                  ))}
                </Bar>
              </BarChart>
            </ChartFigure>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={12}>
          <Devices windows={view.windows} />
        </Col>
      </Row>
    </>
  );
}

/** 监控看板: today's counts, sync backlog, devices, ratings, follow-ups, backups and unclosed days. */
export function DashboardPage() {
  const { t } = useTranslation();
  const view = useDashboardStore((s) => s.view);
  const loading = useDashboardStore((s) => s.loading);
  const loadError = useDashboardStore((s) => s.loadError);
  const load = useDashboardStore((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <>
      <Card
        title={t('supervisor.dashboard.title')}
        extra={
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()}>
            {t('supervisor.refresh')}
          </Button>
        }
        style={{ marginBottom: 16 }}
      >
        {loadError && (
          <Alert type="error" showIcon title={t('supervisor.loadFailed')} description={errorMessage(loadError)} />
        )}
        {view && <Body view={view} />}
      </Card>
      <BackupsSection />
    </>
  );
}
