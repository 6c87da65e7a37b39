// Public surface of the catalogue common layer (pure TS, zod only).
export * from './issues';
export * from './version';
export * from './schema-parts';
export * from './schema';
export * from './search';
export * from './division-code';
export * from './divisions';
export * from './routing';
