import type { hallFieldsZh, hallZh } from './hall.zh-CN';
import { firstEn } from './first';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const hallEn: Shape<typeof hallZh> = {
  training: {
    ...firstEn.hall.training,
    reset: 'Reset training data',
    resetConfirm: 'Erase all training data and restore the samples? Everyone in training must sign in again.',
    resetDone: 'Training data reset; please sign in again',
  },
  guide: {
    title: 'Service guide',
    pick: 'Choose a matter',
    print: 'Print guide (PDF)',
    unverified: 'Subject to the handling department',
    fromWizard: 'Guide',
    catalogue: 'Catalogue version {{version}}',
    unverifiedNote: 'Sections marked as subject to the department are not yet checked against its list.',
  },
  appointments: {
    title: "Today's out-of-hours appointments",
    book: 'Book an out-of-hours appointment',
    empty: 'No appointments today',
    date: 'Date',
    time: 'Time',
    kind: 'Service',
    kinds: { staggered: 'Staggered hours', extended: 'Extended hours' },
    matter: 'Matter (optional)',
    matterColumn: 'Matter',
    name: 'Applicant name',
    phone: 'Phone',
    note: 'Note',
    serve: 'Serve',
    cancel: 'Cancel',
    booked: 'Booked',
    states: { booked: 'Waiting', served: 'Served', cancelled: 'Cancelled' },
    bookedBy: 'Booked by {{name}}',
    saved: 'Booked',
    linked: 'Linked to the appointment; counted as out-of-hours service',
  },
  officeHours: {
    title: 'Office hours',
    intro:
      'Staggered/extended service is booked outside office hours. Several periods a day, e.g. "09:00-12:00, 13:30-17:30"; empty means closed. Statutory holidays are closed; adjusted working days keep Monday’s hours.',
    save: 'Save office hours',
    saved: 'Office hours saved',
    invalid: 'Write it as "09:00-12:00, 13:30-17:30"',
    today: 'Office hours that day: {{periods}}',
    none: 'closed',
  },
  accompany: {
    title: 'Accompanied service (陪办)',
    record: 'Record',
    destination: 'Accompanied to (window or department)',
    note: 'Note',
    by: '{{name}} accompanied to {{destination}}',
    none: 'No accompanied service recorded',
  },
};

/** Field problems of appointments and office hours. */
export const hallFieldsEn: Record<keyof typeof hallFieldsZh, string> = {
  'within-office-hours': 'This time is within office hours; staggered/extended service is booked outside them',
  'period-order': 'The end must be after the start',
  'periods-overlap': 'Periods of one day must not overlap',
};
