// China-time calendar days: the shared protocol package owns them (the gateway counts deadlines too).
export * from '@tongban/protocol/calendar/dates';
