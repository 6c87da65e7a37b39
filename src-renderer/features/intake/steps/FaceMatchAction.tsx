import { App, Button } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdType } from '@tongban/protocol/cases/application';
import type { VerificationRole } from '@common/identity/verification';
import { errorMessage, fieldMessage } from '../../../i18n/errors';
import { CameraCaptureModal } from '../../camera/CameraCaptureModal';
import { useIdentityStore } from '../identity-store';
import { FaceNoticeModal } from './FaceNoticeModal';

/** Base64 of a captured frame (chunked: a frame is larger than String.fromCharCode takes at once). */
async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * 人证比对: the applicant reads how their face image is used (PIPL) on the customer display and agrees there
 * (main records both), the camera takes one frame, and
 * main compares it with the chip photo it holds. The result (score, threshold) is main's, not ours.
 */
export function FaceMatchAction({
  caseId,
  role,
  readId,
  person,
}: {
  caseId: string;
  role: VerificationRole;
  readId: string;
  person: { name: string; idType: IdType; idNumber: string };
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const faceMatch = useIdentityStore((s) => s.faceMatch);
  const [step, setStep] = useState<'idle' | 'notice' | 'camera'>('idle');
  const [noticeId, setNoticeId] = useState<string | null>(null);
  const onAgreed = useCallback((id: string) => {
    setNoticeId(id);
    setStep('camera');
  }, []);
  const onNoticeClosed = useCallback(() => setStep('idle'), []);
  const roleName = t(`intake.identity.roles.${role}`);

  const compare = async (file: File): Promise<string | null> => {
    const result = await faceMatch({
      caseId,
      role,
      readId,
      person,
      frame: { mediaType: 'image/jpeg', base64: await base64Of(file) },
      noticeShown: true,
      noticeId: noticeId ?? '',
    });
    if (!result.ok) return errorMessage(result.error);
    const v = result.value;
    const score = v.faceMatch?.similarity;
    if (v.result === 'pass') {
      useIdentityStore.setState((s) => ({
        reads: { ...s.reads, [caseId]: { ...s.reads[caseId], [role]: undefined } },
      }));
      void message.success(t('identity.face.passed', { role: roleName, score: score?.toFixed(2) ?? '' }));
    } else {
      void message.error(
        t('identity.face.failed', { role: roleName, problems: v.problems.map((c) => fieldMessage(c)).join('；') }),
        8,
      );
    }
    return null;
  };

  return (
    <>
      <Button type="primary" ghost onClick={() => setStep('notice')} title={t('identity.face.hint')}>
        {t('identity.face.start')}
      </Button>
      {step === 'notice' && (
        <FaceNoticeModal caseId={caseId} role={role} onAgreed={onAgreed} onClose={onNoticeClosed} />
      )}
      {step === 'camera' && (
        <CameraCaptureModal
          materialName={t('identity.face.material')}
          onUse={compare}
          onClose={() => setStep('idle')}
        />
      )}
    </>
  );
}
