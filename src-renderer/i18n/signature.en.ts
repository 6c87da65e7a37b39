import type { Messages } from './zh-CN';

/** 电子签名 in English. */
export const signatureEn: Messages['intake']['signature'] = {
  signers: { applicant: 'Applicant', agent: 'Agent' },
  documents: {
    application: 'Application confirmation',
    commitment: 'Commitment',
    'power-of-attorney': 'Power of attorney',
    'agent-undertaking': 'Agent undertaking',
  },
  panel: {
    title: 'Electronic signature',
    required: 'This matter needs the {{signer}} to sign on the customer display before it is received',
    optional: 'A signature is optional here; once signed it is printed on the receipt and the power of attorney',
    unsigned: 'Not signed',
    valid: 'Signed ({{time}})',
    stale: 'The application changed after signing: the signature no longer counts, ask for a new one',
    purged: 'Signed; the image was purged under the retention period (hashes kept)',
    ask: 'Ask the {{signer}} to sign',
    askAgain: 'Ask the {{signer}} to sign again',
    refresh: 'Refresh',
    modalTitle: 'The {{signer}} signs on the customer display',
    help: 'Open this address on the customer display (valid until {{time}}, signs once):',
    url: 'Signing address',
    copy: 'Copy',
    pair: 'Create a pairing address',
    pairHelp: 'Open this address on the customer display (valid until {{time}}) to pair and sign:',
    pairFailed: 'Could not create a pairing address; are you signed in and unlocked?',
    waiting: 'Waiting for the signature… this window updates when it is done',
    done: 'The {{signer}} has signed',
    failed: 'Could not ask for a signature',
  },
  screen: {
    title: 'Please read and sign',
    loading: 'Loading…',
    invalid: 'This signing page is not valid',
    noTicket: 'Ask the clerk to start the signing',
    signer: 'Signer: {{signer}} {{name}}',
    readAll: 'Read everything above, then sign in the box below',
    padLabel: 'Signature box (finger, stylus or mouse)',
    clear: 'Clear',
    confirm: 'Confirm signature',
    empty: 'Please sign in the box first',
    done: 'Signature received',
    doneBody: 'Thank you. The clerk will continue with your application.',
  },
  reasons: {
    'ticket-used': 'This signing page has been used; ask the clerk for a new one',
    'ticket-expired': 'This signing page has expired; ask the clerk for a new one',
    'ticket-superseded': 'The clerk started a new signing; use the new page',
    'ticket-unknown': 'This signing page is not valid; ask the clerk for a new one',
    'signature-binding-mismatch': 'The application has changed since this page was opened; ask the clerk for a new one',
    'staff-cannot-sign': 'A window signed in as staff cannot sign for the applicant; use the customer display',
  },
};

/** Field problem codes of 电子签名. */
export const signatureFieldsEn = {
  'signature-required': 'The person at the counter must sign on the customer display before the case is received',
  'signature-stale': 'The application changed after signing; sign again',
  'signer-not-applicable': 'This person does not sign',
  'applicant-name-required': 'Enter the applicant’s name first',
  'signature-image': 'The signature image is not valid; sign again',
  'signature-empty': 'Please sign first',
  'signature-too-short': 'The signature is too short; write the full name',
};
