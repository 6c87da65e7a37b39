import { Col, Form, Input, Radio, Row } from 'antd';
import { deliveryOptions } from '@common/cases/delivery';
import { useTranslation } from 'react-i18next';
import { APPLY_MODES } from '@tongban/protocol/cases/application';
import type { Matter, Situation } from '@tongban/protocol/catalogue/schema';
import { DivisionCascader } from '../DivisionCascader';
import { Field } from '../Field';
import { fieldHidden, localitySourceField } from '../model';
import { useIntakeStore } from '../wizard-store';
import { FieldControl } from './FieldControl';
import { PersonFields } from './PersonFields';
import { ReaderBar } from './ReaderBar';

function SectionTitle({ children }: { children: string }) {
  return <h3 className="section-title">{children}</h3>;
}

/** 申请人信息: how the case is filed, the applicant (and agent), the locality, the situation's own form and delivery. */
export function ApplicantStep({ matter, situation }: { matter: Matter; situation: Situation }) {
  const { t } = useTranslation();
  const data = useIntakeStore((s) => s.wizard.data);
  const update = useIntakeStore((s) => s.update);
  const touch = useIntakeStore((s) => s.touch);
  const source = localitySourceField(situation);
  // Fields only for a minor's application (监护人…) are left out once the ID number shows an adult.
  const fields = situation.fields.filter((field) => !fieldHidden(field, data));

  const setForm = (key: string, value: string) => {
    const follow = key === source && data.localityAuto;
    update({ form: { ...data.form, [key]: value }, ...(follow ? { localityDivision: value } : {}) });
    if (follow) touch('localityDivision');
  };

  return (
    <Form layout="vertical" component="div" className="wizard-form">
      <Field
        id="apply-mode"
        label={t('intake.person.mode')}
        path="mode"
        required
        extra={matter.agency.agentAllowed ? undefined : t('intake.situation.inPersonOnly')}
      >
        <Radio.Group
          id="apply-mode"
          aria-label={t('intake.person.mode')}
          value={data.mode}
          onChange={(e) => {
            update({ mode: e.target.value });
            touch('mode');
          }}
          options={APPLY_MODES.map((mode) => ({
            value: mode,
            label: t(`intake.modes.${mode}`),
            disabled: mode === 'proxy' && !matter.agency.agentAllowed,
          }))}
        />
      </Field>

      <ReaderBar />

      <SectionTitle>{t('intake.person.applicant')}</SectionTitle>
      <PersonFields who="applicant" />

      {data.mode === 'proxy' && (
        <>
          <SectionTitle>{t('intake.person.agent')}</SectionTitle>
          <PersonFields who="agent" />
        </>
      )}

      {fields.length > 0 && (
        <>
          <SectionTitle>{t('intake.formSection', { name: situation.name })}</SectionTitle>
          <Row gutter={16}>
            {fields.map((field) => (
              <Col key={field.key} span={field.kind === 'textarea' ? 24 : 12}>
                <Field
                  id={`form-${field.key}`}
                  label={field.label}
                  path={`form.${field.key}`}
                  required={field.required}
                  extra={field.help}
                >
                  <FieldControl
                    field={field}
                    id={`form-${field.key}`}
                    value={data.form[field.key] ?? ''}
                    onChange={(value) => setForm(field.key, value)}
                    onVisited={() => touch(`form.${field.key}`)}
                  />
                </Field>
              </Col>
            ))}
          </Row>
        </>
      )}

      <SectionTitle>{t('intake.locality.section')}</SectionTitle>
      <Row gutter={16}>
        <Col span={12}>
          <Field
            id="locality"
            label={t('intake.locality.label')}
            path="localityDivision"
            required
            extra={t('intake.locality.help')}
          >
            <DivisionCascader
              id="locality"
              value={data.localityDivision}
              placeholder={t('intake.locality.placeholder')}
              onChange={(code) => {
                update({ localityDivision: code, localityAuto: code === '' });
                touch('localityDivision');
              }}
            />
          </Field>
        </Col>
        <Col span={12}>
          <Field id="delivery" label={t('intake.delivery.label')} path="delivery" required>
            <Radio.Group
              id="delivery"
              aria-label={t('intake.delivery.label')}
              value={data.delivery}
              onChange={(e) => update({ delivery: e.target.value })}
              options={deliveryOptions(matter.delivery).map((d) => ({ value: d, label: t(`intake.delivery.${d}`) }))}
            />
          </Field>
        </Col>
        {data.delivery === 'ems' && (
          <Col span={24}>
            <Field id="delivery-address" label={t('intake.delivery.address')} path="deliveryAddress" required>
              <Input
                id="delivery-address"
                value={data.deliveryAddress}
                maxLength={200}
                onChange={(e) => update({ deliveryAddress: e.target.value })}
                onBlur={() => touch('deliveryAddress')}
              />
            </Field>
          </Col>
        )}
      </Row>
    </Form>
  );
}
