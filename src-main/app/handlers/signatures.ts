import type { signatureCommands } from '@common/contract/signatures';
import type { Services } from '../services';
import { staffFor, type Handlers } from '../gate';

type SignatureHandlers = Pick<Handlers, keyof typeof signatureCommands>;

/** Handlers for 电子签名: the clerk opens a ticket and reads the status; the customer screen signs. */
export function signatureHandlers(s: Services): SignatureHandlers {
  return {
    'signatures:open': (input, ctx) => s.signatures.open(staffFor(ctx), input.application, input.signer),
    'signatures:status': (input, ctx) => s.signatures.status(staffFor(ctx), input.application),
    'signatures:ticket': (input) => s.signatures.view(input.ticket),
    'signatures:sign': (input, ctx) => s.signatures.sign(input, ctx.active !== null),
  };
}
