import type { Application } from '@tongban/protocol/cases/application';
import type { Signer } from '@tongban/protocol/sync/manifest-signature';
import type { CommandInput } from '@common/contract';
import type { AppErrorData, Result } from '@common/result';
import type { SignatureStatus, SignatureTicketView } from '@common/signatures/views';
import { call } from '../../api/call';
import { pairCustomerScreen } from '../../api/customer-screen';
import { errorMessage } from '../../i18n/errors';
import { i18next } from '../../i18n';

/** The customer screen reads what to sign with the ticket only. */
export const loadSigning = (ticket: string): Promise<Result<SignatureTicketView>> =>
  call('signatures:ticket', { ticket });

/** The customer screen sends the strokes, the image and the hashes it was shown. */
export const submitSignature = (input: CommandInput<'signatures:sign'>) => call('signatures:sign', input);

/** The clerk opens a one-time ticket for one signer of the application as it is now. */
export const openSigning = (application: Application, signer: Signer) =>
  call('signatures:open', { application, signer });

/** Where the signatures of the application stand. */
export const signatureStatus = (application: Application): Promise<Result<SignatureStatus>> =>
  call('signatures:status', { application });

/** The pairing address that opens the signing page on a customer display not yet paired (browser host). */
export async function signingPairingUrl(ticket: string): Promise<{ url: string; expiresAt: string } | null> {
  const pairing = await pairCustomerScreen();
  return pairing && { ...pairing, url: `${pairing.url}#/sign?ticket=${encodeURIComponent(ticket)}` };
}

/** A signing error in words for the applicant (ticket reasons here are the signing page's, not the rating's). */
export function signingErrorMessage(error: AppErrorData): string {
  const reason = error.details?.reason;
  if (typeof reason === 'string' && i18next.exists(`intake.signature.reasons.${reason}`))
    return i18next.t(`intake.signature.reasons.${reason}`);
  return errorMessage(error);
}
