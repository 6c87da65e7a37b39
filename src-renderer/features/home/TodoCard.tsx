import { Button, Card, List, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/call';
import { openCasesWith, type CaseFilters } from '../cases/store';

/** What waits for the window, each a filter of 办件查询 over every day. */
const TODOS: { key: 'supplement' | 'attention' | 'local'; filters: CaseFilters }[] = [
  { key: 'supplement', filters: { deptStatus: 'supplement-requested' } },
  { key: 'attention', filters: { syncState: 'needs-attention' } },
  { key: 'local', filters: { syncState: 'undelivered' } },
];

/** 待办: 需补正, 需要处理 and 未送达 cases with their counts; each opens 办件查询 on them. Follows sync as it happens. */
export function TodoCard() {
  const { t } = useTranslation();
  const [counts, setCounts] = useState<Record<string, number | null>>({});
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void Promise.all(TODOS.map((todo) => call('cases:list', { ...todo.filters, limit: 1, offset: 0 }))).then(
      (results) => {
        if (live)
          setCounts(
            Object.fromEntries(TODOS.map((todo, i) => [todo.key, results[i]?.ok ? results[i].value.total : null])),
          );
      },
    );
    return () => {
      live = false;
    };
  }, [version]);
  useEffect(() => {
    // A burst of deliveries or department decisions is one recount.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = api.on('cases:changed', () => {
      timer ??= setTimeout(() => {
        timer = null;
        setVersion((v) => v + 1);
      }, 250);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, []);

  return (
    <Card title={t('home.todo.title')}>
      <List
        dataSource={TODOS}
        renderItem={(todo) => {
          const count = counts[todo.key];
          return (
            <List.Item
              actions={[
                <Button
                  key="open"
                  type="link"
                  disabled={!count}
                  onClick={() => openCasesWith(todo.filters)}
                  aria-label={`${t('home.todo.open')} ${t(`home.todo.${todo.key}`)}`}
                >
                  {t('home.todo.open')}
                </Button>,
              ]}
            >
              <List.Item.Meta title={t(`home.todo.${todo.key}`)} description={t(`home.todo.${todo.key}Help`)} />
              <Typography.Text
                strong
                style={{
                  fontSize: 'calc(var(--fs-lead) + 4px)',
                  color: count ? (todo.key === 'local' ? '#d46b08' : '#cf1322') : undefined,
                }}
                data-testid={`todo-${todo.key}`}
              >
                {count === undefined || count === null ? '—' : t('home.todo.count', { count })}
              </Typography.Text>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
