import { ArrowLeftOutlined, ArrowRightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Steps } from 'antd';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { focusFirstError, focusStepWhenReady } from '../../forms/focus';
import { blockingOnApplicantStep } from './check';
import { findMatter, findSituation, useCatalogueStore } from './catalogue-store';
import { STEP, STEPS } from './model';
import { ApplicantStep } from './steps/ApplicantStep';
import { MaterialsStep } from './steps/MaterialsStep';
import { MatterStep } from './steps/MatterStep';
import { ReviewStep } from './steps/ReviewStep';
import { SituationStep } from './steps/SituationStep';
import { CheckContext, useWizardCheck } from './use-check';
import { useIntakeStore } from './wizard-store';

/** The five steps of an application, with 上一步 / 下一步; the common formal check runs on every change. */
export function IntakeWizard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const catalogue = useCatalogueStore((s) => s.catalogue);
  const data = useIntakeStore((s) => s.wizard.data);
  const attempted = useIntakeStore((s) => s.wizard.attempted);
  const update = useIntakeStore((s) => s.update);
  const attempt = useIntakeStore((s) => s.attempt);
  const check = useWizardCheck();
  const matter = findMatter(catalogue, data.matterCode);
  const situation = findSituation(matter, data.situationCode);
  const step = matter ? (situation ? data.step : Math.min(data.step, STEP.situation)) : STEP.matter;

  const blocked = (at: number): boolean => {
    if (!check) return at >= STEP.situation;
    if (at === STEP.applicant) return blockingOnApplicantStep(check.result.fieldErrors).length > 0;
    if (at === STEP.materials) return check.result.fieldErrors.some((p) => p.path.startsWith('materials.'));
    return false;
  };
  const body = useRef<HTMLElement>(null);
  const checked = !!check;
  // Each step opens with the keyboard on its first field to fill (or its marked action).
  useEffect(() => focusStepWhenReady(body.current, step === STEP.review ? 30_000 : 0), [step, checked]);

  const next = () => {
    if (step === STEP.situation && !situation) return void message.warning(t('intake.situation.pick'));
    attempt(step);
    if (blocked(step)) {
      // The problems show once the step is attempted: the cursor goes to the first of them.
      setTimeout(() => focusFirstError(body.current), 60);
      return void message.warning(t('intake.fixFirst'));
    }
    update({ step: step + 1 });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    // Enter in a field advances (回车下一步); lists, buttons, text areas and IME input keep their own Enter.
    if (e.key !== 'Enter' || e.defaultPrevented || e.nativeEvent.isComposing) return;
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || step === STEP.matter || step === STEP.review) return;
    const target = e.target as HTMLElement;
    if (!(target instanceof HTMLInputElement) || target.closest('.ant-select, .ant-cascader, .ant-picker')) return;
    if (target.type === 'file' || target.type === 'checkbox') return;
    e.preventDefault();
    next();
  };
  const reachable = (index: number) => index === STEP.matter || (index === STEP.situation && !!matter) || !!situation;

  return (
    <CheckContext.Provider value={check}>
      <Steps
        size="small"
        current={step}
        className="wizard-steps"
        onChange={(index) => reachable(index) && update({ step: index })}
        items={STEPS.map((key, index) => ({
          title: t(`intake.steps.${key}`),
          disabled: !reachable(index),
          status: index !== step && attempted[index] && blocked(index) ? 'error' : undefined,
        }))}
      />
      {data.resumedFrom && (
        <Alert
          type="info"
          showIcon
          title={t('intake.resumedFrom', { no: data.resumedFrom })}
          style={{ marginBottom: 16 }}
        />
      )}
      <section
        ref={body}
        aria-label={t(`intake.steps.${STEPS[step] ?? 'matter'}`)}
        className="wizard-body"
        onKeyDown={onKeyDown}
      >
        {step === STEP.matter && <MatterStep />}
        {step === STEP.situation && matter && <SituationStep matter={matter} />}
        {step === STEP.applicant && matter && situation && <ApplicantStep matter={matter} situation={situation} />}
        {step === STEP.materials && situation && <MaterialsStep situation={situation} />}
        {step === STEP.review && check && <ReviewStep check={check} />}
      </section>
      {step > STEP.matter && (
        <div className="wizard-footer">
          <Button
            icon={<ArrowLeftOutlined aria-hidden />}
            onClick={() => update({ step: step - 1 })}
            data-shortcut="prev"
          >
            {t('intake.prev')}
          </Button>
          {step < STEP.review && (
            <Button type="primary" onClick={next} data-shortcut="next">
              {t('intake.next')} <ArrowRightOutlined aria-hidden />
            </Button>
          )}
        </div>
      )}
    </CheckContext.Provider>
  );
}
