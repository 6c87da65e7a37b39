import { App, Button, Popconfirm, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@common/cases/case-types';
import type { RerouteView } from '@common/cases/reroute';
import { call } from '../../api/call';
import { errorMessage } from '../../i18n/errors';
import { useCasesStore } from './store';

/**
 * 更正承接部门: a case the gateway refused because its routing does not send the matter to this department. The
 * clerk picks a department the routing allows (the case's catalogue version, or the one in force) and the push goes
 * back in line once; main checks the choice again and audits it.
 */
export function ReroutePanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [view, setView] = useState<RerouteView | null>(null);
  const [chosen, setChosen] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void call('cases:reroute-options', { caseId: detail.caseId }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setView(r.value);
        setChosen(r.value.options[0]?.departmentId);
      } else void message.error(errorMessage(r.error));
    });
    return () => {
      live = false;
    };
  }, [detail.caseId, message]);
  if (!view?.refused) return null;
  const submit = async () => {
    if (!chosen) return;
    setBusy(true);
    const r = await call('cases:reroute', { caseId: detail.caseId, departmentId: chosen });
    setBusy(false);
    if (!r.ok) return void message.error(`${t('reroute.failed')}：${errorMessage(r.error)}`);
    void message.success(t('reroute.done', { name: r.value.departmentName ?? chosen }));
    await Promise.all([useCasesStore.getState().refreshDetail(), useCasesStore.getState().reload()]);
  };
  return (
    <div className="reroute" data-testid="reroute-panel">
      <Typography.Paragraph>
        {t('reroute.current', { name: view.departmentName ?? '—', version: view.catalogueVersion })}
      </Typography.Paragraph>
      {view.options.length === 0 ? (
        <Typography.Text type="secondary">{t('reroute.none')}</Typography.Text>
      ) : (
        <Space wrap>
          <Select
            aria-label={t('reroute.choose')}
            style={{ minWidth: 320 }}
            value={chosen}
            onChange={setChosen}
            options={view.options.map((o) => ({
              value: o.departmentId,
              label: `${o.departmentName}（${t(o.caseVersion ? 'reroute.fromCase' : 'reroute.fromCurrent', { version: o.catalogueVersion })}）`,
            }))}
          />
          <Popconfirm
            title={t('reroute.confirm')}
            okText={t('reroute.submit')}
            cancelText={t('reroute.cancel')}
            onConfirm={() => void submit()}
          >
            <Button type="primary" danger loading={busy} disabled={!chosen}>
              {t('reroute.submit')}
            </Button>
          </Popconfirm>
        </Space>
      )}
    </div>
  );
}
