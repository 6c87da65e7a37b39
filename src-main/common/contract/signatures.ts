import { z } from 'zod';
import { applicationSchema } from '@tongban/protocol/cases/application';
import { SIGNERS } from '@tongban/protocol/sync/manifest-signature';
import { COUNTER_ROLES } from '../roles';
import {
  signatureSubmitSchema,
  signatureTicketSchema,
  type SignatureStatus,
  type SignatureTicketView,
} from '../signatures/views';
import { command, PUBLIC, rolesOnly } from './define';

const COUNTER = rolesOnly(...COUNTER_ROLES);

/**
 * 电子签名 (decision 0155). Like the 好差评 screen, the signing screen has no staff session: its
 * `signatures:ticket` and `signatures:sign` are PUBLIC, the only credential being the one-time ticket the
 * clerk opened for one signer of one case; `signatures:sign` refuses a caller signed in as staff.
 */
export const signatureCommands = {
  'signatures:open': command<{ ticket: string; expiresAt: string }>()(
    z.object({ application: applicationSchema, signer: z.enum(SIGNERS) }).strict(),
    COUNTER,
    256 * 1024,
  ),
  'signatures:status': command<SignatureStatus>()(
    z.object({ application: applicationSchema }).strict(),
    COUNTER,
    256 * 1024,
  ),
  'signatures:ticket': command<SignatureTicketView>()(z.object({ ticket: signatureTicketSchema }).strict(), PUBLIC),
  'signatures:sign': command<{ signatureId: string; signedAt: string }>()(signatureSubmitSchema, PUBLIC, 1024 * 1024),
};
