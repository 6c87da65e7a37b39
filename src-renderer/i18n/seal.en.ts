// Seal certificate (decision 0160): field problems and the print settings card.

export const sealFieldsEn = {
  'seal-unreadable': 'Not a readable PKCS#12 (.p12/.pfx) file',
  'seal-wrong-password': 'Wrong certificate password',
  'seal-no-key': 'The file holds no private key',
  'seal-no-certificate': 'The file holds no certificate',
  'seal-key-mismatch': 'The certificate does not match the key',
  'seal-not-rsa': 'Only RSA seal certificates are supported',
  'seal-expired': 'The certificate has expired or is not yet valid',
};

export const sealEn = {
  title: 'Seal certificate (digital signature)',
  intro:
    'A4 documents saved as PDF are signed with the hall seal certificate at the seal image. The password is used for this import only and never stored.',
  training: 'None imported: documents are signed by a generated 样章 (training) certificate and say so.',
  subject: 'Certificate name',
  organization: 'Organisation',
  issuer: 'Issuer',
  validity: 'Valid',
  fingerprint: 'Fingerprint (SHA-256)',
  valid: 'Valid, {{days}} days left',
  expiring: 'Expires in {{days}} days: replace it soon',
  expired: 'Expired: signatures will not verify',
  file: 'Certificate file (.p12/.pfx)',
  choose: 'Choose file',
  password: 'Certificate password',
  import: 'Import certificate',
  replace: 'Replace certificate',
  imported: 'Seal certificate imported',
  tooLarge: 'File too large (64 KB at most)',
};
