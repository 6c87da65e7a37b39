import {
  BookOutlined,
  CheckCircleOutlined,
  CloudUploadOutlined,
  ExclamationCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatUntil } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';
import { useSyncStore } from '../shell/sync-store';
import { useCatalogueStore } from './catalogue-store';
import { useDraftsStore } from './drafts-store';
import { IntakeWizard } from './IntakeWizard';
import { ResultView } from './ResultView';
import { useIntakeStore } from './wizard-store';
import { useGuideStore } from '../guide/store';

/** Whether the draft is stored: 有未保存的修改 / 正在保存 / 草稿已保存 18:05. */
function SaveStatus() {
  const { t } = useTranslation();
  const save = useIntakeStore((s) => s.wizard.save);
  const savedAt = useIntakeStore((s) => s.wizard.savedAt);
  if (save === 'idle') return null;
  const icon =
    save === 'saved' ? (
      <CheckCircleOutlined aria-hidden />
    ) : save === 'error' ? (
      <ExclamationCircleOutlined aria-hidden />
    ) : (
      <CloudUploadOutlined aria-hidden />
    );
  const text =
    save === 'saved' ? t('intake.save.saved', { time: savedAt ? formatUntil(savedAt) : '' }) : t(`intake.save.${save}`);
  return (
    <span role="status" className={`save-status save-status--${save}`}>
      {icon} {text}
    </span>
  );
}

/** 操作指南 of the matter being filled in. */
function GuideLink() {
  const { t } = useTranslation();
  const matterCode = useIntakeStore((s) => s.wizard.data.matterCode);
  const openFor = useGuideStore((s) => s.openFor);
  if (!matterCode) return null;
  return (
    <Button icon={<BookOutlined aria-hidden />} onClick={() => openFor(matterCode)}>
      {t('hall.guide.fromWizard')}
    </Button>
  );
}

/** 受理: the intake wizard (or the outcome just decided), with the clerk's unfinished drafts. */
export function IntakePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const loadCatalogue = useCatalogueStore((s) => s.load);
  const loadDrafts = useDraftsStore((s) => s.load);
  const result = useIntakeStore((s) => s.result);
  const caseId = useIntakeStore((s) => s.wizard.caseId);
  const startNew = useIntakeStore((s) => s.startNew);
  const discard = useIntakeStore((s) => s.discard);
  const numberingUnverified = useSyncStore((s) => s.status.numberingUnverified);

  useEffect(() => {
    void loadCatalogue();
    void loadDrafts();
  }, [loadCatalogue, loadDrafts]);

  if (result) return <ResultView result={result} />;

  const drop = async () => {
    const answer = await discard();
    if (answer.ok) void message.success(t('intake.discarded'));
    else void message.error(errorMessage(answer.error));
  };

  return (
    <Card
      title={t('intake.title')}
      extra={
        caseId && (
          <Space size={16}>
            <SaveStatus />
            <GuideLink />
            <Popconfirm
              title={t('intake.discardConfirm')}
              okText={t('intake.actions.confirm')}
              cancelText={t('intake.actions.cancel')}
              onConfirm={drop}
            >
              <Button danger>{t('intake.discard')}</Button>
            </Popconfirm>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => void startNew()}>
              {t('intake.newCase')}
            </Button>
          </Space>
        )
      }
    >
      {numberingUnverified && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('intake.numberingUnverified.title')}
          description={t('intake.numberingUnverified.detail')}
        />
      )}
      <IntakeWizard />
    </Card>
  );
}
