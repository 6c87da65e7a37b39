import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/errors';
import { useCatalogueStore } from '../intake/catalogue-store';
import { useGuideStore } from './store';

/** 操作指南: a matter's guide from the catalogue (who may apply, 情形, materials, 一次性告知, originals, 时限). */
export function GuidePage() {
  const { t } = useTranslation();
  const catalogue = useCatalogueStore((s) => s.catalogue);
  const loadCatalogue = useCatalogueStore((s) => s.load);
  const { matterCode, guide, error, printing, show, print } = useGuideStore();
  useEffect(() => void loadCatalogue(), [loadCatalogue]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space wrap>
          <Select
            showSearch
            aria-label={t('hall.guide.pick')}
            placeholder={t('hall.guide.pick')}
            style={{ width: 360 }}
            value={matterCode ?? undefined}
            optionFilterProp="label"
            options={(catalogue?.matters ?? []).map((m) => ({ value: m.code, label: m.name }))}
            onChange={(code: string) => void show(code)}
          />
          <Button
            icon={<PrinterOutlined aria-hidden />}
            disabled={!guide}
            loading={printing}
            onClick={() => void print()}
          >
            {t('hall.guide.print')}
          </Button>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {guide && (
        <Card
          title={
            <Typography.Title level={3} style={{ margin: 0 }}>
              {guide.matterName} · {t('hall.guide.title')}
            </Typography.Title>
          }
          extra={
            <Typography.Text type="secondary">
              {guide.department} · {guide.acceptanceMode} ·{' '}
              {t('hall.guide.catalogue', { version: guide.catalogueVersion })}
            </Typography.Text>
          }
        >
          {guide.sections.map((s) => (
            <section key={s.key} aria-labelledby={`guide-${s.key}`} style={{ marginBottom: 16 }}>
              <Typography.Title level={5} id={`guide-${s.key}`}>
                {s.title} {s.unverified && <Tag color="orange">{t('hall.guide.unverified')}</Tag>}
              </Typography.Title>
              {s.lines.map((line, i) =>
                line.startsWith('· ') ? (
                  <Typography.Paragraph key={i} style={{ margin: '0 0 2px 20px' }}>
                    {line}
                  </Typography.Paragraph>
                ) : (
                  <Typography.Paragraph key={i} style={{ margin: '0 0 2px' }}>
                    {line}
                  </Typography.Paragraph>
                ),
              )}
            </section>
          ))}
          {!guide.verified && <Alert type="warning" showIcon title={t('hall.guide.unverifiedNote')} />}
        </Card>
      )}
    </Space>
  );
}
