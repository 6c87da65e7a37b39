// Public surface of the catalogue common layer (pure TS, zod only).
export * from '@tongban/protocol/catalogue/issues';
export * from '@tongban/protocol/catalogue/version';
export * from '@tongban/protocol/catalogue/schema-parts';
export * from '@tongban/protocol/catalogue/schema';
export * from './search';
export * from '@tongban/protocol/catalogue/division-code';
export * from '@tongban/protocol/catalogue/divisions';
export * from '@tongban/protocol/catalogue/routing';
