// The holiday calendar lives in the shared protocol package (the gateway counts ticket deadlines with it).
export * from '@tongban/protocol/calendar/holiday-data';
