// Services-layer entry point for the catalogue (Node only, no electron).
export {
  loadCatalogue,
  loadDivisions,
  loadDivisionsFile,
  loadRouting,
  prepareCatalogue,
  type LoadedCatalogue,
  type LoadedRouting,
} from './loaders';
export {
  validateCatalogueImport,
  MAX_IMPORT_BYTES,
  type CatalogueImportResult,
  type CatalogueImportOptions,
} from './import-catalogue';
export {
  createCatalogueService,
  type CatalogueService,
  type CatalogueServiceOptions,
  type ApplyImportResult,
} from './catalogue-service';
export { buildPinyinSearchIndex, syllableInitials } from './pinyin-index';
export { ResourceValidationError } from './errors';
