import { Modal, Table } from 'antd';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { KEY_HINTS, SHORTCUTS } from './shortcut-keys';
import { useShortcutHelp } from './shortcuts';

interface Row {
  key: string;
  keys: readonly string[];
  action: string;
}

function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <span className="kbd-combo">
      {keys.map((k, i) => (
        <Fragment key={k}>
          {i > 0 && ' + '}
          <kbd>{k}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

/** F1: every shortcut and the keys of the keyboard path, in Chinese; Esc or 关闭 closes it. */
export function ShortcutHelp() {
  const { t } = useTranslation();
  const open = useShortcutHelp((s) => s.open);
  const setOpen = useShortcutHelp((s) => s.setOpen);
  const rows: Row[] = [
    ...SHORTCUTS.map((s) => ({ key: s.id, keys: s.keys, action: t(`shortcuts.items.${s.id}`) })),
    ...KEY_HINTS.map((h) => ({ key: h, keys: [t(`shortcuts.hintKeys.${h}`)], action: t(`shortcuts.hints.${h}`) })),
  ];
  return (
    <Modal
      open={open}
      title={t('shortcuts.title')}
      onCancel={() => setOpen(false)}
      onOk={() => setOpen(false)}
      okText={t('shortcuts.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      width={620}
      destroyOnHidden
    >
      <p>{t('shortcuts.intro')}</p>
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          { title: t('shortcuts.key'), key: 'keys', width: 170, render: (_, r) => <Keys keys={r.keys} /> },
          { title: t('shortcuts.action'), dataIndex: 'action', key: 'action' },
        ]}
      />
    </Modal>
  );
}
