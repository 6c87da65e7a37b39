// Moved to the shared protocol package (the gateway counts working days too).
export * from '@tongban/protocol/calendar/holiday-data';
