import { BankOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the screens before sign-in: brand on the blue band, one card below it. */
export function CenteredFrame({
  subtitle,
  width,
  children,
}: {
  subtitle?: string | undefined;
  width: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <main className="centered-frame">
      <div className="centered-frame__top">
        <LanguageSwitch />
      </div>
      <div className="brand">
        <span className="brand__emblem" aria-hidden>
          <BankOutlined />
        </span>
        <div>
          <div className="brand__title">{t('app.title')}</div>
          {subtitle && <div className="brand__subtitle">{subtitle}</div>}
        </div>
      </div>
      <Card
        style={{ width, maxWidth: '100%', boxShadow: '0 6px 24px rgba(15, 40, 80, 0.12)' }}
        styles={{ body: { padding: 32 } }}
      >
        {children}
      </Card>
    </main>
  );
}
