import { CloudDownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LICENCE_STATUS_LABELS_ZH } from '@tongban/protocol/licences/licences';
import type { Material, Situation } from '@tongban/protocol/catalogue/schema';
import { recordLicence, type LicenceChoice, type LicenceLookupView } from '@common/licences';
import { errorMessage } from '../../../i18n/errors';
import { lookupLicences } from '../licences';
import { toApplication } from '../model';
import { useIntakeStore } from '../wizard-store';
import { IdentityVerifyModal } from './IdentityVerifyModal';

const validity = (l: Pick<LicenceChoice, 'issuedOn' | 'validUntil'>, longTerm: string) =>
  `${l.issuedOn} ~ ${l.validUntil ?? longTerm}`;

/**
 * 调取电子证照 on a material the catalogue lets an 电子证照 satisfy: lists the applicant's (or the matter's
 * persons') licences of its types; choosing one records it and the material needs no original or copy.
 * Offline or the register down: the message says so and the row keeps its paper handling.
 */
export function LicenceLookup({ material, situation }: { material: Material; situation: Situation }) {
  const { t } = useTranslation();
  const caseId = useIntakeStore((s) => s.wizard.caseId);
  const data = useIntakeStore((s) => s.wizard.data);
  const entry = data.materials[material.code];
  const setMaterial = useIntakeStore((s) => s.setMaterial);
  const [busy, setBusy] = useState(false);
  const [view, setView] = useState<LicenceLookupView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [unverified, setUnverified] = useState(false);
  const [verifying, setVerifying] = useState(false);
  if (!material.licenceTypes?.length || !caseId) return null;

  const lookup = async () => {
    setBusy(true);
    setProblem(null);
    setUnverified(false);
    const result = await lookupLicences(toApplication(caseId, data, situation), material.code);
    setBusy(false);
    if (result.ok) setView(result.value);
    else {
      setProblem(errorMessage(result.error));
      setUnverified(result.error.code === 'licence-applicant-unverified');
    }
  };
  const choose = (licence: LicenceChoice) => {
    if (!view) return;
    setMaterial(material.code, { handling: 'e-licence', pages: 0, licence: recordLicence(view, licence) });
    setView(null);
  };

  const chosen = entry?.handling === 'e-licence' ? entry.licence : undefined;
  return (
    <div className="licence-lookup">
      {chosen ? (
        <div className="licence-chosen" role="status">
          <SafetyCertificateOutlined aria-hidden /> {chosen.typeName} {chosen.number}
          <div className="muted small">
            {chosen.issuer} · {validity(chosen, t('intake.licences.longTerm'))} · {t('intake.licences.noOriginal')}
          </div>
        </div>
      ) : null}
      <Button size="small" icon={<CloudDownloadOutlined aria-hidden />} loading={busy} onClick={() => void lookup()}>
        {t('intake.licences.lookup')}
      </Button>
      {problem && (
        <Alert
          className="licence-problem"
          type="warning"
          showIcon
          message={problem}
          action={
            unverified ? (
              <Button size="small" onClick={() => setVerifying(true)}>
                {t('intake.licences.verify')}
              </Button>
            ) : undefined
          }
        />
      )}
      {verifying && (
        <IdentityVerifyModal
          caseId={caseId}
          role="applicant"
          person={data.applicant}
          onClose={() => {
            setVerifying(false);
            void lookup();
          }}
        />
      )}
      <Modal
        open={view !== null}
        title={t('intake.licences.title', { material: material.name })}
        onCancel={() => setView(null)}
        footer={null}
        width={820}
      >
        {view && view.licences.length === 0 ? (
          <Alert type="info" showIcon message={t('intake.licences.none')} />
        ) : (
          <Table<LicenceChoice>
            rowKey="sha256"
            size="small"
            pagination={false}
            dataSource={view?.licences ?? []}
            columns={[
              { title: t('intake.licences.type'), key: 'type', render: (_, l) => l.typeName },
              { title: t('intake.licences.number'), dataIndex: 'number' },
              {
                title: t('intake.licences.holder'),
                key: 'holder',
                render: (_, l) => `${l.holderNameMasked}（${t(`intake.licences.roles.${l.holderRole}`)}）`,
              },
              { title: t('intake.licences.issuer'), dataIndex: 'issuer' },
              {
                title: t('intake.licences.validity'),
                key: 'validity',
                render: (_, l) => validity(l, t('intake.licences.longTerm')),
              },
              {
                title: t('intake.licences.signature'),
                key: 'signature',
                render: (_, l) => {
                  const state = l.signatureState ?? 'unverified';
                  const color = state === 'verified' ? 'green' : state === 'invalid' ? 'red' : 'default';
                  return <Tag color={color}>{t(`intake.licences.signatureStates.${state}`)}</Tag>;
                },
              },
              {
                title: t('intake.licences.status'),
                key: 'status',
                render: (_, l) => (
                  <Tag color={l.usable ? 'green' : 'default'}>
                    {l.usable
                      ? LICENCE_STATUS_LABELS_ZH[l.status]
                      : t('intake.licences.unusable', { status: LICENCE_STATUS_LABELS_ZH[l.status] })}
                  </Tag>
                ),
              },
              {
                title: '',
                key: 'choose',
                render: (_, l) => (
                  <Button type="primary" size="small" disabled={!l.usable} onClick={() => choose(l)}>
                    {t('intake.licences.choose')}
                  </Button>
                ),
              },
            ]}
          />
        )}
        {view && (
          <Typography.Paragraph type="secondary" className="small licence-source">
            {t('intake.licences.source', {
              provider: view.provider,
              time: view.lookedUpAt.slice(0, 19).replace('T', ' '),
            })}
          </Typography.Paragraph>
        )}
      </Modal>
    </div>
  );
}
