import { SyncOutlined } from '@ant-design/icons';
import { App, Badge, Button, Descriptions, Popover } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';
import { useSyncStore, type SyncStatus } from './sync-store';

type BadgeStatus = 'default' | 'error' | 'success' | 'processing' | 'warning';

export const BADGE: Record<SyncStatus['state'], { status: BadgeStatus; label: string }> = {
  'not-configured': { status: 'default', label: 'sync.notConfigured' },
  offline: { status: 'warning', label: 'sync.offline' },
  online: { status: 'success', label: 'sync.online' },
  syncing: { status: 'processing', label: 'sync.syncing' },
  unauthenticated: { status: 'error', label: 'sync.unauthenticated' },
  revoked: { status: 'error', label: 'sync.revoked' },
};

/** The popover: how many cases wait, since when, the last success, and 立即同步. */
function SyncDetails() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const status = useSyncStore((s) => s.status);
  const view = useSyncStore((s) => s.view);
  const syncing = useSyncStore((s) => s.syncing);
  const syncNow = useSyncStore((s) => s.syncNow);
  const run = async () => {
    const result = await syncNow();
    if (result.ok) void message.success(t('gateway.syncDone'));
    else void message.error(errorMessage(result.error));
  };
  const time = (iso: string | null | undefined) => (iso ? formatDateTime(iso) : t('gateway.never'));
  return (
    <div className="sync-details">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'pending',
            label: t('gateway.pending'),
            children: t('gateway.pendingCount', { count: status.pending }),
          },
          ...(view?.pendingRecords
            ? [
                {
                  key: 'records',
                  label: t('gateway.pendingRecords'),
                  children: t('gateway.pendingRecordsCount', { count: view.pendingRecords }),
                },
              ]
            : []),
          {
            key: 'oldest',
            label: t('gateway.oldest'),
            children: view?.oldestPendingAt ? formatDateTime(view.oldestPendingAt) : '—',
          },
          { key: 'last', label: t('gateway.lastSuccess'), children: time(status.lastSuccessAt) },
          ...(view?.lastError ? [{ key: 'error', label: t('gateway.lastError'), children: view.lastError }] : []),
        ]}
      />
      <Button
        type="primary"
        block
        icon={<SyncOutlined aria-hidden />}
        loading={syncing}
        disabled={status.state === 'not-configured'}
        onClick={() => void run()}
      >
        {t('gateway.syncNow')}
      </Button>
    </div>
  );
}

/** The department-gateway connection: grey until sync is configured; click for details and 立即同步. `tone` is the background it sits on. */
export function SyncBadge({ tone = 'dark' }: { tone?: 'dark' | 'light' }) {
  const { t } = useTranslation();
  const status = useSyncStore((s) => s.status);
  const load = useSyncStore((s) => s.load);
  const { status: badgeStatus, label } = BADGE[status.state];
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('gateway.section')}
      content={<SyncDetails />}
      onOpenChange={(open) => open && void load()}
    >
      <button
        type="button"
        className={`sync-badge sync-badge--${tone}`}
        aria-label={`${t('gateway.section')}：${t(label, { count: status.pending })}`}
      >
        <span role="status" aria-live="polite">
          <Badge
            status={badgeStatus}
            // antd's grey dot vanishes on the blue header; a lighter grey keeps "not configured" visible.
            color={tone === 'dark' && badgeStatus === 'default' ? '#c9d3e0' : undefined}
            text={
              <span style={{ color: tone === 'dark' ? 'rgba(255,255,255,0.88)' : undefined }}>
                {t(label, { count: status.pending })}
              </span>
            }
          />
        </span>
      </button>
    </Popover>
  );
}
