import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/datetime';
import { useSyncStore, type SyncStatus } from './sync-store';

type BadgeStatus = 'default' | 'error' | 'success' | 'processing' | 'warning';

const BADGE: Record<SyncStatus['state'], { status: BadgeStatus; label: string }> = {
  'not-configured': { status: 'default', label: 'sync.notConfigured' },
  offline: { status: 'warning', label: 'sync.offline' },
  online: { status: 'success', label: 'sync.online' },
  syncing: { status: 'processing', label: 'sync.syncing' },
  unauthenticated: { status: 'error', label: 'sync.unauthenticated' },
  revoked: { status: 'error', label: 'sync.revoked' },
};

/** The department-gateway connection: grey until sync is configured. `tone` is the background it sits on. */
export function SyncBadge({ tone = 'dark' }: { tone?: 'dark' | 'light' }) {
  const { t } = useTranslation();
  const status = useSyncStore((s) => s.status);
  const { status: badgeStatus, label } = BADGE[status.state];
  const lastSuccess = status.lastSuccessAt ? t('sync.lastSuccess', { time: formatDateTime(status.lastSuccessAt) }) : t('sync.neverSynced');
  return (
    <Tooltip title={status.state === 'not-configured' ? undefined : lastSuccess}>
      <span role="status" aria-live="polite">
        <Badge
          status={badgeStatus}
          // antd's grey dot vanishes on the blue header; a lighter grey keeps "not configured" visible.
          color={tone === 'dark' && badgeStatus === 'default' ? '#c9d3e0' : undefined}
          text={<span style={{ color: tone === 'dark' ? 'rgba(255,255,255,0.88)' : undefined }}>{t(label, { count: status.pending })}</span>}
        />
      </span>
    </Tooltip>
  );
}
