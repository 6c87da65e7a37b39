import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { switchLanguage, type Language } from '../../i18n';

/** 中文 / English. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('lang.label')}
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      onChange={switchLanguage}
      options={[
        { label: t('lang.zh'), value: 'zh-CN' },
        { label: t('lang.en'), value: 'en' },
      ]}
    />
  );
}
