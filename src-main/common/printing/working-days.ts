// Working-day arithmetic lives in the shared protocol package (the gateway counts ticket deadlines with it).
export * from '@tongban/protocol/calendar/working-days';
