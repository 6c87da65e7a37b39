import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { switchLanguage, type Language } from '../i18n';
import { Icon } from './icons';

/** 中文 / English, like antd's small Segmented: a radio group whose inputs are hidden behind the labels. */
export function FirstLanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const options: [Language, string][] = [
    ['zh-CN', t('lang.zh')],
    ['en', t('lang.en')],
  ];
  return (
    <div className="fs-segmented" role="radiogroup" aria-label={t('lang.label')}>
      {options.map(([value, label]) => (
        <label
          key={value}
          className={value === current ? 'fs-segmented__item fs-segmented__item--on' : 'fs-segmented__item'}
        >
          <input
            type="radio"
            name="fs-language"
            className="fs-segmented__input"
            checked={value === current}
            onChange={() => switchLanguage(value)}
          />
          <span>{label}</span>
        </label>
      ))}
    </div>
  );
}

/** The sign-in screen's frame, as CenteredFrame draws it for the other screens before sign-in: brand on the blue band, one card. */
export function FirstFrame({ subtitle, children }: { subtitle?: string | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main className="centered-frame">
      <div className="centered-frame__top">
        <FirstLanguageSwitch />
      </div>
      <div className="brand">
        <span className="brand__emblem" aria-hidden>
          <Icon name="bank" />
        </span>
        <div>
          <div className="brand__title">{t('app.title')}</div>
          {subtitle && <div className="brand__subtitle">{subtitle}</div>}
        </div>
      </div>
      <div className="fs-card">{children}</div>
    </main>
  );
}
