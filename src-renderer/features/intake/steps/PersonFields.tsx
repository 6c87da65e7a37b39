import { AutoComplete, Col, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ID_TYPES, type Person } from '@tongban/protocol/cases/application';
import { Field } from '../Field';
import type { AgentDraft } from '../model';
import { useIntakeStore } from '../wizard-store';

type PersonKey = keyof Person | 'relationship';

/** Name, ID type and number, phone and address of the applicant; for the agent also the relationship. */
export function PersonFields({ who }: { who: 'applicant' | 'agent' }) {
  const { t } = useTranslation();
  const person: Person & Partial<AgentDraft> = useIntakeStore((s) => s.wizard.data[who]);
  const update = useIntakeStore((s) => s.update);
  const touch = useIntakeStore((s) => s.touch);

  const set = (key: PersonKey, value: string) => update({ [who]: { ...person, [key]: value } });
  const id = (key: PersonKey) => `${who}-${key}`;
  const path = (key: PersonKey) => `${who}.${key}`;
  const text = (key: 'name' | 'idNumber' | 'phone' | 'address', maxLength: number, upper = false) => (
    <Input
      id={id(key)}
      value={person[key]}
      maxLength={maxLength}
      autoComplete="off"
      onChange={(e) => set(key, upper ? e.target.value.toUpperCase() : e.target.value)}
      onBlur={() => touch(path(key))}
    />
  );

  return (
    <Row gutter={16}>
      <Col span={6}>
        <Field id={id('name')} label={t('intake.person.name')} path={path('name')} required>
          {text('name', 50)}
        </Field>
      </Col>
      <Col span={6}>
        <Field id={id('idType')} label={t('intake.person.idType')} path={path('idType')} required>
          <Select
            id={id('idType')}
            value={person.idType}
            popupMatchSelectWidth={false}
            options={ID_TYPES.map((type) => ({ value: type, label: t(`intake.idTypes.${type}`) }))}
            onChange={(value) => {
              set('idType', value);
              touch(path('idNumber'));
            }}
          />
        </Field>
      </Col>
      <Col span={6}>
        <Field id={id('idNumber')} label={t('intake.person.idNumber')} path={path('idNumber')} required>
          {text('idNumber', 32, true)}
        </Field>
      </Col>
      <Col span={6}>
        <Field id={id('phone')} label={t('intake.person.phone')} path={path('phone')} required>
          {text('phone', 24)}
        </Field>
      </Col>
      {who === 'applicant' ? (
        <Col span={24}>
          <Field id={id('address')} label={t('intake.person.address')} path={path('address')}>
            {text('address', 200)}
          </Field>
        </Col>
      ) : (
        <Col span={12}>
          <Field id={id('relationship')} label={t('intake.person.relationship')} path={path('relationship')} required>
            <AutoComplete
              id={id('relationship')}
              value={person.relationship ?? ''}
              placeholder={t('intake.person.relationshipPlaceholder')}
              options={t('intake.person.relationships')
                .split('、')
                .map((value) => ({ value }))}
              onChange={(value: string) => set('relationship', value.slice(0, 20))}
              onBlur={() => touch(path('relationship'))}
            />
          </Field>
        </Col>
      )}
    </Row>
  );
}
