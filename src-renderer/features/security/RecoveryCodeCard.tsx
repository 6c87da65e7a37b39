import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The recovery code with what it is for and how to keep it: on the setup screen once after 初始化, and in
 * 系统设置 → 安全 when an administrator shows it again. Large, grouped by four, easy to copy out by hand.
 */
export function RecoveryCodeCard({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="recovery-code-title">
      <Typography.Title level={4} id="recovery-code-title" style={{ marginTop: 0 }}>
        {t('security.recoveryTitle')}
      </Typography.Title>
      <Typography.Paragraph>{t('security.recoveryWhat')}</Typography.Paragraph>
      <Typography.Text strong>{t('security.recoveryCode')}</Typography.Text>
      <Typography.Paragraph
        aria-label={t('security.recoveryCode')}
        copyable={{ text: code }}
        style={{
          fontFamily: 'ui-monospace, SFMono-Regular, Consolas, monospace',
          fontSize: 'var(--fs-heading)',
          letterSpacing: 1,
          padding: '12px 16px',
          background: '#fafafa',
          border: '1px solid #d9d9d9',
          borderRadius: 6,
          wordBreak: 'break-all',
        }}
      >
        {code}
      </Typography.Paragraph>
      <Alert type="warning" showIcon title={t('security.recoveryKeep')} style={{ marginBottom: 16 }} />
      <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
        {t('security.recoveryPrint')}
      </Button>
    </section>
  );
}
