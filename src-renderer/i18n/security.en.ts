/** The recovery code on the setup screen and in Settings → Security (issue #15, decision 0118). */
export const securityEn = {
  recoveryTitle: 'Write down or print this window’s recovery code',
  recoveryWhat:
    'This window’s data and all its backups are encrypted. To restore a backup on a new PC (after a PC or disk replacement), this recovery code must be entered; without it the backup cannot be read, by anyone.',
  recoveryKeep:
    'Write the code on paper or print it now, sign it and keep it somewhere safe (a safe), in the administrator’s care; do not photograph it, store it on this PC or send it by chat or e-mail. Whoever has the code and a backup can read every case.',
  recoveryCode: 'Recovery code',
  recoveryPrint: 'Print the recovery code',
  recoveryConfirm: 'I have written down or printed the recovery code and keep it safe',
  recoveryContinue: 'Continue',
  sectionTitle: 'Security: recovery code',
  sectionIntro:
    'The recovery code restores this window’s encrypted backups on a new PC. If it is lost, an administrator can show it again here with their password (audited). The code does not change: the written-down code stays valid and older backups still need it.',
  sectionPassword: 'Administrator password',
  sectionShow: 'Show the recovery code',
  sectionShown:
    'Recovery code shown (audited). Check it against the kept paper copy; it is hidden when you leave this page.',
  sectionHide: 'Hide',
  wrongPassword: 'Wrong password, try again',
};
