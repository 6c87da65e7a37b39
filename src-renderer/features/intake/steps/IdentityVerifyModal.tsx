import { Alert, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ID_TYPES, type IdType, type Person } from '@tongban/protocol/cases/application';
import type { VerificationRole } from '@common/identity/verification';
import { showFieldErrors } from '../../../forms/server-errors';
import { requiredRule } from '../../../forms/rules';
import { errorMessage, fieldMessage } from '../../../i18n/errors';
import { useIdentityStore } from '../identity-store';

interface VerifyFields {
  name: string;
  idType: IdType;
  idNumber: string;
  birthDate?: Dayjs | null;
  manualReason: string;
  confirmedMatch: boolean;
}

/** Numbers that carry the birth date; for the others the clerk reads it off the document. */
const NUMBER_HAS_BIRTH_DATE: ReadonlySet<IdType> = new Set(['resident-id', 'hk-mo-tw-residence']);

/** 人工核验: the clerk checks the document by eye and confirms the person in front of them is its holder (人证一致). */
export function IdentityVerifyModal({
  caseId,
  role,
  person,
  onClose,
}: {
  caseId: string;
  role: VerificationRole;
  person: Pick<Person, 'name' | 'idType' | 'idNumber'>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<VerifyFields>();
  const verify = useIdentityStore((s) => s.verify);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const idType = Form.useWatch('idType', form) ?? person.idType;

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setProblem(null);
    const result = await verify({
      caseId,
      role,
      method: 'manual',
      person: { name: values.name.trim(), idType: values.idType, idNumber: values.idNumber.trim().toUpperCase() },
      confirmedMatch: values.confirmedMatch,
      manualReason: values.manualReason.trim(),
      ...(values.birthDate ? { birthDate: values.birthDate.format('YYYY-MM-DD') } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      if (!showFieldErrors(form, result.error, { 'person.name': ['name'], 'person.idNumber': ['idNumber'] }))
        setProblem(errorMessage(result.error));
      return;
    }
    if (result.value.result === 'fail')
      return setProblem(result.value.problems.map((code) => fieldMessage(code)).join('；'));
    onClose();
  };

  return (
    <Modal
      open
      title={t('intake.identity.verifyTitle', { role: t(`intake.identity.roles.${role}`) })}
      okText={t('intake.identity.verifySubmit')}
      cancelText={t('intake.actions.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      width={560}
    >
      <Alert type="info" showIcon title={t('intake.identity.manualIntro')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        name="verifyIdentity"
        layout="vertical"
        preserve={false}
        initialValues={{ ...person, manualReason: '', confirmedMatch: false }}
      >
        <Form.Item label={t('intake.person.name')} name="name" rules={[requiredRule()]}>
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item label={t('intake.person.idType')} name="idType">
          <Select options={ID_TYPES.map((type) => ({ value: type, label: t(`intake.idTypes.${type}`) }))} />
        </Form.Item>
        <Form.Item label={t('intake.person.idNumber')} name="idNumber" rules={[requiredRule()]}>
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
        {!NUMBER_HAS_BIRTH_DATE.has(idType) && (
          <Form.Item label={t('intake.identity.birthDate')} name="birthDate" rules={[requiredRule()]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item
          label={t('intake.identity.manualReason')}
          name="manualReason"
          rules={[
            {
              validator: async (_r, v: unknown) => {
                if (typeof v !== 'string' || v.trim().length < 2) throw new Error(t('intake.identity.reasonRequired'));
              },
            },
          ]}
        >
          <Input placeholder={t('intake.identity.manualReasonPlaceholder')} maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="confirmedMatch"
          valuePropName="checked"
          rules={[
            {
              validator: async (_r, v: unknown) => {
                if (v !== true) throw new Error(fieldMessage('person-not-confirmed'));
              },
            },
          ]}
        >
          <Checkbox>{t('intake.identity.confirmMatch')}</Checkbox>
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Modal>
  );
}
