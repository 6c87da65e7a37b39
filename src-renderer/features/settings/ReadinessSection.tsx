import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, List, Spin, Tag } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadinessItem } from '@common/readiness';
import { errorMessage } from '../../i18n/errors';
import { useSettingsStore } from './store';

/** 上线检查: every placeholder still in use and every device not set up, each with the tab that fixes it. */
export function ReadinessSection({ onOpen }: { onOpen(tab: ReadinessItem['tab']): void }) {
  const { t } = useTranslation();
  const readiness = useSettingsStore((s) => s.readiness);
  const error = useSettingsStore((s) => s.readinessError);
  const load = useSettingsStore((s) => s.loadReadiness);
  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!readiness) return <Spin />;
  const { items, training } = readiness;
  const open = items.filter((i) => !i.ok);
  const blocking = open.filter((i) => i.severity === 'block').length;
  return (
    <Card
      title={t('settings.readiness.title')}
      extra={<Button onClick={() => void load()}>{t('settings.readiness.recheck')}</Button>}
    >
      <Alert
        type={open.length === 0 ? 'success' : blocking ? 'error' : 'warning'}
        showIcon
        style={{ marginBottom: 16 }}
        title={
          open.length === 0
            ? t('settings.readiness.allDone')
            : t('settings.readiness.summary', { open: open.length, blocking })
        }
        description={training ? t('settings.readiness.training') : t('settings.readiness.intro')}
      />
      <List
        aria-label={t('settings.readiness.title')}
        dataSource={items}
        renderItem={(item) => (
          <List.Item
            actions={
              item.ok
                ? []
                : [
                    <Button key="open" size="small" onClick={() => onOpen(item.tab)}>
                      {t('settings.readiness.open', { tab: t(`settings.tabs.${item.tab}`) })}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              avatar={
                item.ok ? (
                  <CheckCircleFilled style={{ color: '#389e0d', fontSize: 18 }} aria-hidden />
                ) : item.severity === 'block' ? (
                  <CloseCircleFilled style={{ color: '#cf1322', fontSize: 18 }} aria-hidden />
                ) : (
                  <ExclamationCircleFilled style={{ color: '#d48806', fontSize: 18 }} aria-hidden />
                )
              }
              title={
                <>
                  {t(`settings.readiness.items.${item.key}.name`)}{' '}
                  {item.ok ? (
                    <Tag color="success">{t('settings.readiness.done')}</Tag>
                  ) : (
                    <Tag color={item.severity === 'block' ? 'error' : 'warning'}>
                      {t(`settings.readiness.${item.severity}`)}
                    </Tag>
                  )}
                </>
              }
              description={item.ok ? null : t(`settings.readiness.items.${item.key}.todo`)}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
