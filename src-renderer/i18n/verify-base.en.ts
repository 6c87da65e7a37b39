// The verification address in Settings → Department gateway (decision 0196).
export const verifyBaseEn = {
  section: 'Verification address (QR codes)',
  intro:
    'Every document\'s verification QR code points at "this address/v/document number": anyone can scan it to check the ' +
    "document, see the case's progress and download the result with the pickup code. Fill it in when the gateway's public " +
    'address differs from the address this window enrolled with; leave it empty to use the gateway address.',
  label: 'Verification address (public)',
  placeholder: 'https://zwfw.cq.gov.cn/tongban',
  help: 'Starts with http:// or https://, without "?" or "#". Example addresses (example, test, localhost) only in training mode.',
  effective: 'QR codes point at',
  fromGateway: '(the gateway address)',
  none: 'Not enrolled on a gateway: documents carry an offline code until they are reported',
  placeholderWarning:
    "This is an example address: phones cannot open it. Set the gateway's public address before going live.",
  save: 'Save verification address',
  saved: 'Verification address saved; documents issued from now on use it',
};

/** Field messages of the address (merged into `fields`). */
export const verifyBaseFieldsEn = {
  'verify-url-invalid': 'Enter an address starting with http:// or https://, without "?" or "#"',
  'verify-url-placeholder':
    'An example address phones cannot open: training mode only; enter the public gateway address',
};
