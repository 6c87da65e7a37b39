import { CloudDownloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueUpdatesView } from '@common/contract';
import type { Result } from '@common/result';
import { call } from '../../api/call';
import { formatDateTime } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';

type Diff = NonNullable<CatalogueUpdatesView['available']>['diff'];

const STATE_COLORS: Record<string, string> = {
  available: 'blue',
  active: 'green',
  superseded: 'default',
  'rolled-back': 'red',
};

/** One changed element as the administrator reads it: 承诺时限, or 情形 XYZ（新增）. */
function useFieldLabel() {
  const { t } = useTranslation();
  return (field: string) => {
    const [head, code, what] = field.split(':');
    if (head === 'situations' && code)
      return t('catalogueUpdates.situationChange', {
        code,
        what:
          what === 'added' || what === 'removed'
            ? t(`catalogueUpdates.${what}Short`)
            : (what ?? '')
                .split('+')
                .map((f) => t(`catalogueUpdates.fields.${f}`, { defaultValue: f }))
                .join('、'),
      });
    return t(`catalogueUpdates.fields.${field}`, { defaultValue: field });
  };
}

/** The diff of a fetched version against the one in force: matters added, removed, changed (by element). */
function DiffView({ diff }: { diff: Diff }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const matters = [
    ...diff.added.map((m) => ({ ...m, kind: 'added' as const, fields: [] as string[] })),
    ...diff.removed.map((m) => ({ ...m, kind: 'removed' as const, fields: [] as string[] })),
    ...diff.changed.map((m) => ({ ...m, kind: 'changed' as const })),
  ];
  const kindColor = { added: 'green', removed: 'red', changed: 'orange' } as const;
  return (
    <>
      <Typography.Paragraph>
        {t('catalogueUpdates.summary', {
          added: diff.added.length,
          removed: diff.removed.length,
          changed: diff.changed.length,
          departments:
            diff.departments.added.length + diff.departments.removed.length + diff.departments.changed.length,
          rules: diff.rules.added + diff.rules.removed + diff.rules.changed,
        })}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="code"
        pagination={matters.length > 8 ? { pageSize: 8 } : false}
        dataSource={matters}
        locale={{ emptyText: t('catalogueUpdates.noMatterChanges') }}
        columns={[
          {
            title: t('catalogueUpdates.change'),
            dataIndex: 'kind',
            width: 90,
            render: (kind: keyof typeof kindColor) => (
              <Tag color={kindColor[kind]}>{t(`catalogueUpdates.${kind}`)}</Tag>
            ),
          },
          { title: t('catalogueUpdates.matterCode'), dataIndex: 'code', width: 140, className: 'mono' },
          { title: t('catalogueUpdates.matterName'), dataIndex: 'name' },
          {
            title: t('catalogueUpdates.elements'),
            dataIndex: 'fields',
            render: (fields: string[]) => fields.map(label).join('；') || '—',
          },
        ]}
      />
      {diff.departments.changed.length + diff.departments.added.length + diff.departments.removed.length > 0 && (
        <List
          size="small"
          header={t('catalogueUpdates.departments')}
          dataSource={[
            ...diff.departments.added.map((id) => `${id}：${t('catalogueUpdates.addedShort')}`),
            ...diff.departments.removed.map((id) => `${id}：${t('catalogueUpdates.removedShort')}`),
            ...diff.departments.changed.map((d) => `${d.id}：${d.fields.map(label).join('、')}`),
          ]}
          renderItem={(line) => <List.Item>{line}</List.Item>}
        />
      )}
    </>
  );
}

/** 事项清单更新 (administrators): the version in force, a newer one from the gateway with its diff, 应用 / 回退. */
export function CatalogueUpdatesSection() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [view, setView] = useState<CatalogueUpdatesView | null>(null);
  const [busy, setBusy] = useState<'check' | 'apply' | 'rollback' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const settle = useCallback(
    (result: Result<CatalogueUpdatesView>, done?: string) => {
      if (result.ok) {
        setView(result.value);
        setProblem(null);
        if (done) void message.success(done);
      } else setProblem(errorMessage(result.error));
    },
    [message],
  );
  useEffect(() => {
    void call('catalogue:updates', {}).then((r) => settle(r));
  }, [settle]);

  const run = async (kind: 'check' | 'apply' | 'rollback', done?: string) => {
    setBusy(kind);
    const result =
      kind === 'check'
        ? await call('catalogue:check', {})
        : kind === 'apply'
          ? await call('catalogue:apply', { version: view?.available?.version ?? '' })
          : await call('catalogue:rollback', {});
    setBusy(null);
    settle(result, done);
  };
  const confirm = (kind: 'apply' | 'rollback') =>
    modal.confirm({
      title: t(`catalogueUpdates.${kind}Title`),
      content: t(`catalogueUpdates.${kind}Confirm`, {
        version:
          kind === 'apply'
            ? view?.available?.version
            : view?.rollbackTo === 'shipped'
              ? t('catalogueUpdates.shipped')
              : view?.rollbackTo,
      }),
      okText: t(`catalogueUpdates.${kind}`),
      okButtonProps: kind === 'rollback' ? { danger: true } : {},
      cancelText: t('intake.actions.cancel'),
      onOk: () => run(kind, t(`catalogueUpdates.${kind}Done`)),
    });

  const check = view?.lastCheck;
  return (
    <Card
      title={t('catalogueUpdates.section')}
      style={{ marginTop: 24 }}
      extra={
        <Button
          icon={<CloudDownloadOutlined aria-hidden />}
          loading={busy === 'check'}
          onClick={() => void run('check')}
        >
          {t('catalogueUpdates.check')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('catalogueUpdates.intro')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      {view && (
        <Descriptions
          bordered
          size="small"
          column={2}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'current', label: t('catalogueUpdates.current'), children: view.current.version },
            {
              key: 'source',
              label: t('catalogueUpdates.source'),
              children: t(`catalogueUpdates.sources.${view.current.source}`),
            },
            {
              key: 'check',
              label: t('catalogueUpdates.lastCheck'),
              span: 2,
              children: check
                ? `${formatDateTime(check.at)} ${t(`catalogueUpdates.outcomes.${check.outcome}`)}${check.detail ? `（${check.detail}）` : ''}`
                : '—',
            },
          ]}
        />
      )}
      {view?.available ? (
        <Card
          type="inner"
          title={t('catalogueUpdates.availableTitle', { version: view.available.version })}
          extra={
            <Button type="primary" loading={busy === 'apply'} onClick={() => confirm('apply')}>
              {t('catalogueUpdates.apply')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        >
          <Typography.Paragraph type="secondary">
            {t('catalogueUpdates.publishedAt', { at: formatDateTime(view.available.publishedAt) })}
          </Typography.Paragraph>
          <DiffView diff={view.available.diff} />
        </Card>
      ) : (
        view && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalogueUpdates.nothingNew')} />
      )}
      <Space style={{ marginTop: 8 }}>
        <Button
          danger
          icon={<RollbackOutlined aria-hidden />}
          disabled={!view?.rollbackTo}
          loading={busy === 'rollback'}
          onClick={() => confirm('rollback')}
        >
          {t('catalogueUpdates.rollback')}
        </Button>
        {view?.rollbackTo && (
          <Typography.Text type="secondary">
            {t('catalogueUpdates.rollbackHint', {
              version: view.rollbackTo === 'shipped' ? t('catalogueUpdates.shipped') : view.rollbackTo,
            })}
          </Typography.Text>
        )}
      </Space>
      {view && view.history.length > 0 && (
        <Table
          size="small"
          style={{ marginTop: 16 }}
          rowKey="version"
          pagination={false}
          dataSource={view.history}
          columns={[
            { title: t('catalogueUpdates.version'), dataIndex: 'version' },
            {
              title: t('catalogueUpdates.state'),
              dataIndex: 'state',
              render: (s: string) => <Tag color={STATE_COLORS[s]}>{t(`catalogueUpdates.states.${s}`)}</Tag>,
            },
            {
              title: t('catalogueUpdates.fetchedAt'),
              dataIndex: 'fetchedAt',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('catalogueUpdates.appliedAt'),
              dataIndex: 'appliedAt',
              render: (v: string | null) => (v ? formatDateTime(v) : '—'),
            },
          ]}
        />
      )}
    </Card>
  );
}
