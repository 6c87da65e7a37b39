import { Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ClerkCount, LedgerSummary as Summary } from '@common/supervisor/ledger-summary';
import { ChartFigure } from './ChartFigure';
import { formatSeconds } from './format';
import { useDisplayStore } from '../shell/display-store';

const OUTCOME_COLORS = { accepted: '#1f6fb2', incomplete: '#d4b106', rejected: '#b0463a' } as const;

/** The summary of the scope: statistic cards, cases by matter (bar), outcomes (pie), per clerk and department status. */
export function LedgerSummary({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  // Chart labels are SVG attributes (no CSS variables): 大字模式 picks their size here.
  const tickSize = useDisplayStore((s) => s.largeText) ? 14 : 12;
  const empty = summary.cases === 0 ? t('supervisor.ledger.chartEmpty') : null;
  const outcomes = (['accepted', 'incomplete', 'rejected'] as const)
    .map((k) => ({ key: k, name: t(`supervisor.outcomes.${k}`), value: summary.byOutcome[k] }))
    .filter((o) => o.value > 0);
  const stats: [string, number | string, boolean?][] = [
    [t('supervisor.ledger.cases'), summary.cases],
    [t('supervisor.ledger.accepted'), summary.byOutcome.accepted],
    [t('supervisor.ledger.incomplete'), summary.byOutcome.incomplete],
    [t('supervisor.ledger.rejected'), summary.byOutcome.rejected],
    [t('supervisor.ledger.avgTime'), formatSeconds(summary.avgCounterSeconds)],
    [t('supervisor.ledger.unsent'), summary.unsent, summary.unsent > 0],
    [t('supervisor.ledger.ratings'), summary.ratings.count],
    [t('supervisor.ledger.poorOpen'), summary.poorAwaitingFollowUp, summary.poorAwaitingFollowUp > 0],
    // 陪办 and 错时/延时 (work plan 二(六)); absent in days closed before they were counted.
    ...(summary.byService
      ? ([
          [t('hall.accompany.title'), summary.byService.accompanied],
          [
            t('hall.appointments.kinds.staggered') + '/' + t('hall.appointments.kinds.extended'),
            summary.byService.offHours,
          ],
        ] as [string, number][])
      : []),
  ];
  return (
    <section aria-label={t('supervisor.ledger.summary')} className="sup-section">
      <Row gutter={[12, 12]}>
        {stats.map(([title, value, warn]) => (
          <Col key={title} xs={12} md={6} xl={3}>
            <Card size="small">
              <Statistic
                title={title}
                value={value}
                styles={{ content: { color: warn ? '#cf1322' : undefined, fontSize: 'var(--fs-heading)' } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={10}>
          <Card size="small">
            <ChartFigure title={t('supervisor.ledger.byMatter')} empty={empty}>
              <BarChart
                width={440}
                height={220}
                data={summary.byMatter}
                layout="vertical"
                margin={{ left: 8, right: 16 }}
                title={t('supervisor.ledger.byMatter')}
              >
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="name" width={170} tick={{ fontSize: tickSize }} />
                <Tooltip />
                <Bar
                  dataKey="count"
                  name={t('supervisor.ledger.cases')}
                  fill="#1f6fb2"
                  barSize={18}
                  isAnimationActive={false}
                />
              </BarChart>
            </ChartFigure>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small">
            <ChartFigure title={t('supervisor.ledger.byOutcome')} empty={empty}>
              <PieChart width={260} height={220} title={t('supervisor.ledger.byOutcome')}>
                <Pie
                  data={outcomes}
                  dataKey="value"
                  nameKey="name"
                  innerRadius={40}
                  outerRadius={70}
                  label
                  isAnimationActive={false}
                >
                  {outcomes.map((o) => (
                    <Cell key={o.key} fill={OUTCOME_COLORS[o.key]} />
                  ))}
                </Pie>
                <Legend />
                <Tooltip />
              </PieChart>
            </ChartFigure>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card size="small" title={t('supervisor.ledger.byClerk')}>
            <Table<ClerkCount>
              size="small"
              rowKey="clerkId"
              pagination={false}
              dataSource={summary.byClerk}
              columns={[
                { title: t('supervisor.ledger.clerk'), dataIndex: 'clerkName' },
                { title: t('supervisor.ledger.cases'), dataIndex: 'count', align: 'right' },
                { title: t('supervisor.ledger.accepted'), dataIndex: 'accepted', align: 'right' },
                {
                  title: t('supervisor.ledger.avgTime'),
                  dataIndex: 'avgCounterSeconds',
                  render: (s: number | null) => formatSeconds(s),
                },
              ]}
            />
            <p className="sup-muted" style={{ marginTop: 8 }}>
              {t('supervisor.ledger.byDept')}：
              {summary.byDeptStatus.map((d) => `${d.name} ${d.count}`).join('，') || t('supervisor.none')}
            </p>
          </Card>
        </Col>
      </Row>
    </section>
  );
}
