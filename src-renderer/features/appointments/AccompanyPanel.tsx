import { Alert, Button, Form, Input, List, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccompanimentView } from '@common/hall-services';
import type { AppErrorData } from '@common/result';
import { call } from '../../api/call';
import { formatUntil } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';

/** 陪办 of a case: who accompanied the applicant where; counter staff record one. */
export function AccompanyPanel({ caseId, canRecord }: { caseId: string; canRecord: boolean }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<AccompanimentView[]>([]);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [destination, setDestination] = useState('');
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void call('accompaniments:list', { caseId }).then((r) => {
      if (!live) return;
      if (r.ok) setItems(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [caseId, version]);
  const record = async () => {
    const r = await call('accompaniments:record', { caseId, destination });
    if (!r.ok) return setError(r.error);
    setError(null);
    setDestination('');
    setVersion((v) => v + 1);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <List
        size="small"
        locale={{ emptyText: t('hall.accompany.none') }}
        dataSource={items}
        renderItem={(a) => (
          <List.Item>
            {t('hall.accompany.by', { name: a.staffName, destination: a.destination })} · {formatUntil(a.recordedAt)}
          </List.Item>
        )}
      />
      {canRecord && (
        <Form layout="inline" onFinish={() => void record()}>
          <Form.Item label={t('hall.accompany.destination')}>
            <Input value={destination} maxLength={100} onChange={(e) => setDestination(e.target.value)} />
          </Form.Item>
          <Button htmlType="submit" disabled={destination.trim().length < 2}>
            {t('hall.accompany.record')}
          </Button>
        </Form>
      )}
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
    </Space>
  );
}
