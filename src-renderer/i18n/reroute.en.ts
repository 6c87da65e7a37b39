// Correcting the receiving department after a department-not-routed refusal.
export const rerouteEn = {
  current:
    'Receiving department on this case: {{name}} (catalogue {{version}}); the gateway refused it against its routing. Choose a department the routing allows and send again:',
  choose: 'Receiving department',
  fromCase: 'this case’s catalogue {{version}}',
  fromCurrent: 'catalogue in force {{version}}',
  submit: 'Correct the department and send again',
  confirm:
    'Correct the receiving department? The case is sent once more to the new department and the change is audited; reprint the receipt.',
  cancel: 'Cancel',
  done: 'Changed to {{name}}; the case is queued again',
  failed: 'Correction failed',
  none: 'This PC’s catalogue names no other department. Ask the administrator to check for and apply the newest catalogue version, or contact the department.',
};
