import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MissingMaterial } from '@common/cases/formal-check';
import { fieldMessage } from '../../../i18n/errors';
import { noticeBlockers, stepOfPath } from '../check';
import type { WizardCheck } from '../use-check';
import { useIntakeStore } from '../wizard-store';
import { pathLabel } from './path-labels';

/** The items of a 一次性告知: each missing material or field with why. */
export function MissingList({ items }: { items: MissingMaterial[] }) {
  const { t } = useTranslation();
  return (
    <ol className="missing-list">
      {items.map((item) => (
        <li key={item.code}>
          {item.name}
          {!item.code.startsWith('FIELD:') && (
            <span className="muted">（{t(`intake.missingReasons.${item.reason}`)}）</span>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The live 形式审查 verdict: errors (with a way back to fix them), warnings, and what a notice would list. */
export function CheckSummary({
  check,
  noticeItems,
  guidanceOnly = false,
}: {
  check: WizardCheck;
  noticeItems: MissingMaterial[];
  /** A 仅指引 matter: the check may pass, but the window cannot 收件 it. */
  guidanceOnly?: boolean;
}) {
  const { t } = useTranslation();
  const update = useIntakeStore((s) => s.update);
  const attempt = useIntakeStore((s) => s.attempt);
  const { fieldErrors, warnings, missingMaterials } = check.result;
  const blocking = noticeBlockers(fieldErrors);
  const line = (path: string, code: string) => `${pathLabel(path, check.situation)}：${fieldMessage(code)}`;
  const gotoFix = (path: string) => {
    const step = stepOfPath(path);
    attempt(step);
    update({ step });
  };

  return (
    <div className="check-summary" aria-label={t('intake.review.check')}>
      {fieldErrors.length === 0 && missingMaterials.length === 0 && (
        <Alert
          type="success"
          showIcon
          title={t(guidanceOnly ? 'intake.review.passedGuidance' : 'intake.review.passed')}
        />
      )}
      {blocking.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('intake.review.failed', { count: blocking.length })}
          description={
            <ul className="problem-list">
              {blocking.map((p) => (
                <li key={`${p.path}|${p.code}`}>{line(p.path, p.code)}</li>
              ))}
            </ul>
          }
          action={
            <Button size="small" onClick={() => gotoFix(blocking[0]?.path ?? 'applicant')}>
              {t('intake.review.gotoFix')}
            </Button>
          }
        />
      )}
      {blocking.length === 0 && noticeItems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('intake.review.missing', { count: noticeItems.length })}
          description={<MissingList items={noticeItems} />}
        />
      )}
      {warnings.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('intake.review.warnings')}
          description={
            <ul className="problem-list">
              {warnings.map((p) => (
                <li key={`${p.path}|${p.code}`}>{line(p.path, p.code)}</li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}
