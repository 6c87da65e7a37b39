import { FileTextOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DraftSummary } from '@common/contract';
import { formatDateTime } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';
import { findMatter, findSituation, useCatalogueStore } from './catalogue-store';
import { useDraftsStore } from './drafts-store';
import { useIntakeStore } from './wizard-store';

function DraftItem({ draft }: { draft: DraftSummary }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const catalogue = useCatalogueStore((s) => s.catalogue);
  const currentId = useIntakeStore((s) => s.wizard.caseId);
  const open = useIntakeStore((s) => s.open);
  const discardCurrent = useIntakeStore((s) => s.discard);
  const discard = useDraftsStore((s) => s.discard);
  const matter = findMatter(catalogue, draft.matterCode);
  const situation = findSituation(matter, draft.situationCode);
  const current = draft.caseId === currentId;
  const title = matter ? matter.name : t('intake.drafts.noMatter');

  const resume = async () => {
    const result = await open(draft.caseId);
    if (!result.ok) void message.error(errorMessage(result.error));
  };
  const drop = async () => {
    const result = current ? await discardCurrent() : await discard(draft.caseId);
    if (result.ok) void message.success(t('intake.discarded'));
    else void message.error(errorMessage(result.error));
  };

  return (
    <li className="draft-item" aria-label={title}>
      <div className="draft-item__title">
        <FileTextOutlined aria-hidden /> {title}
        {current && (
          <Tag color="blue" style={{ marginInlineStart: 8 }}>
            {t('intake.drafts.current')}
          </Tag>
        )}
      </div>
      {situation && <div className="draft-item__sub">{situation.name}</div>}
      <div className="draft-item__sub">{t('intake.drafts.updated', { time: formatDateTime(draft.updatedAt) })}</div>
      <Space size={4} style={{ marginTop: 4 }}>
        {!current && (
          <Button size="small" type="primary" ghost onClick={() => void resume()}>
            {t('intake.drafts.resume')}
          </Button>
        )}
        <Popconfirm
          title={t('intake.discardConfirm')}
          okText={t('intake.actions.confirm')}
          cancelText={t('intake.actions.cancel')}
          onConfirm={drop}
        >
          <Button size="small" danger type="text">
            {t('intake.discard')}
          </Button>
        </Popconfirm>
      </Space>
    </li>
  );
}

/** 未完成的草稿: the clerk's saved drafts, to resume after a break, a restart or a crash. */
export function DraftList() {
  const { t } = useTranslation();
  const drafts = useDraftsStore((s) => s.drafts);
  const loadError = useDraftsStore((s) => s.loadError);
  return (
    <Card size="small" title={t('intake.drafts.title')} styles={{ body: { padding: 0 } }}>
      {loadError && <div style={{ padding: 12, color: '#cf1322' }}>{errorMessage(loadError)}</div>}
      {drafts.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('intake.drafts.empty')}
          style={{ margin: '16px 0' }}
        />
      ) : (
        <ul className="draft-list" aria-label={t('intake.drafts.title')}>
          {drafts.map((draft) => (
            <DraftItem key={draft.caseId} draft={draft} />
          ))}
        </ul>
      )}
    </Card>
  );
}
