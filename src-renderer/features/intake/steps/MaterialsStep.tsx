import { CheckCircleFilled, CheckSquareOutlined } from '@ant-design/icons';
import { Button, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { MATERIAL_HANDLINGS } from '@tongban/protocol/cases/application';
import { isMaterialRequired } from '@common/cases/formal-check';
import { acceptsElectronic, usualHandling } from '@common/cases/material-defaults';
import type { Material, Situation } from '@tongban/protocol/catalogue/schema';
import { fieldMessage } from '../../../i18n/errors';
import { visibleMaterials } from '../model';
import { CheckContext } from '../use-check';
import { useIntakeStore } from '../wizard-store';
import { LicenceLookup } from './LicenceLookup';
import { MaterialUpload } from './MaterialUpload';

function MaterialName({ material }: { material: Material }) {
  const { t } = useTranslation();
  return (
    <div>
      <div className="material-name">{material.name}</div>
      <div className="material-tags">
        <Tag>{t(`intake.materials.forms.${material.form}`)}</Tag>
        <Tag>{t('intake.materials.copies', { count: material.copies })}</Tag>
        {material.mailOriginalToLocality && <Tag color="volcano">{t('intake.materials.mailOriginal')}</Tag>}
      </div>
      {material.note && (
        <Typography.Text type="secondary" className="material-note">
          {material.note}
        </Typography.Text>
      )}
    </div>
  );
}

function Requirement({ material }: { material: Material }) {
  const { t } = useTranslation();
  if (material.requirement === 'required') return <Tag color="red">{t('intake.materials.required')}</Tag>;
  if (material.requirement === 'optional') return <Tag>{t('intake.materials.optional')}</Tag>;
  return (
    <div>
      <Tag color="gold">{t('intake.materials.conditional')}</Tag>
      <div className="material-note">{material.condition}</div>
    </div>
  );
}

/** Whether the material is complete, or what is wrong with it (from the live formal check). */
function MaterialStatus({ material }: { material: Material }) {
  const { t } = useTranslation();
  const check = useContext(CheckContext);
  const mode = useIntakeStore((s) => s.wizard.data.mode);
  const handling = useIntakeStore((s) => s.wizard.data.materials[material.code]?.handling ?? 'not-provided');
  const errors = check?.errors.get(`materials.${material.code}`) ?? [];
  const missing = check?.result.missingMaterials.find((m) => m.code === material.code);
  if (errors.length) return <div className="field-error">{errors.map((code) => fieldMessage(code)).join('；')}</div>;
  if (missing)
    return (
      <div className={isMaterialRequired(material, { mode }) ? 'field-warning' : 'muted'}>
        {t(`intake.missingReasons.${missing.reason}`)}
      </div>
    );
  if (handling === 'not-provided') return null;
  return (
    <div className="field-ok">
      <CheckCircleFilled aria-hidden /> {t('intake.materials.ok')}
    </div>
  );
}

/** 材料清单: every material of the situation (plus the power of attorney for 代办), how it was received, pages and scans. */
export function MaterialsStep({ situation }: { situation: Situation }) {
  const { t } = useTranslation();
  const mode = useIntakeStore((s) => s.wizard.data.mode);
  const entries = useIntakeStore((s) => s.wizard.data.materials);
  const setMaterial = useIntakeStore((s) => s.setMaterial);
  const setMaterials = useIntakeStore((s) => s.setMaterials);
  const applicant = useIntakeStore((s) => s.wizard.data.applicant);
  const { shown: materials, hidden } = visibleMaterials(situation, { mode, applicant });
  // 其余必需材料按常规方式收取: every required row not yet received, each the usual way for its form.
  const remaining = materials.filter(
    (m) => isMaterialRequired(m, { mode }) && (entries[m.code]?.handling ?? 'not-provided') === 'not-provided',
  );
  const receiveRest = () =>
    setMaterials(
      Object.fromEntries(remaining.map((m) => [m.code, { handling: usualHandling(m), pages: Math.max(m.copies, 1) }])),
    );

  const columns: ColumnsType<Material> = [
    { title: t('intake.materials.name'), key: 'name', render: (_, m) => <MaterialName material={m} /> },
    {
      title: t('intake.materials.requirement'),
      key: 'requirement',
      width: 150,
      render: (_, m) => <Requirement material={m} />,
    },
    {
      title: t('intake.materials.handling'),
      key: 'handling',
      width: 210,
      render: (_, m) => (
        <div>
          <Select
            aria-label={t('intake.materials.handling')}
            value={entries[m.code]?.handling ?? 'not-provided'}
            style={{ width: '100%' }}
            popupMatchSelectWidth={false}
            // 调取电子证照 is chosen with its button (it records the licence), never from this list.
            options={MATERIAL_HANDLINGS.filter((h) => h !== 'e-licence' || entries[m.code]?.licence).map((h) => ({
              value: h,
              label: t(`intake.handling.${h}`),
            }))}
            onChange={(handling) =>
              setMaterial(m.code, {
                handling,
                pages: handling === 'not-provided' ? 0 : Math.max(entries[m.code]?.pages ?? 0, 1),
              })
            }
          />
          <MaterialStatus material={m} />
          <LicenceLookup material={m} situation={situation} />
        </div>
      ),
    },
    {
      title: t('intake.materials.pages'),
      key: 'pages',
      width: 90,
      render: (_, m) => (
        <InputNumber
          aria-label={t('intake.materials.pages')}
          min={0}
          max={999}
          precision={0}
          style={{ width: '100%' }}
          value={entries[m.code]?.pages ?? 0}
          onChange={(pages) =>
            setMaterial(m.code, { handling: entries[m.code]?.handling ?? 'not-provided', pages: pages ?? 0 })
          }
        />
      ),
    },
    {
      title: t('intake.materials.files'),
      key: 'files',
      width: 290,
      render: (_, m) => (
        <MaterialUpload
          materialCode={m.code}
          materialName={m.name}
          {...(acceptsElectronic(m) ? { receivedAs: 'electronic' as const } : {})}
        />
      ),
    },
  ];

  return (
    <div>
      <Space wrap size={12} className="materials-bar">
        <Button
          type="primary"
          icon={<CheckSquareOutlined aria-hidden />}
          disabled={remaining.length === 0}
          onClick={receiveRest}
          data-step-focus
        >
          {t('intake.materials.receiveRest')}
        </Button>
        <span className="muted small" role="status">
          {remaining.length > 0
            ? t('intake.materials.remaining', { count: remaining.length })
            : t('intake.materials.noneRemaining')}
          {hidden.length > 0 &&
            ` · ${t('intake.materials.hidden', { count: hidden.length, names: hidden.map((m) => m.name).join('、') })}`}
        </span>
      </Space>
      <Table<Material>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={materials}
        pagination={false}
        bordered
      />
    </div>
  );
}
