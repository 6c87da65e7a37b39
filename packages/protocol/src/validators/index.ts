// Pure input validators and masks for the window client (domain-facts §2 and §8).
export {
  isOverridable,
  issuesOf,
  OVERRIDABLE_CODES,
  type Validation,
  type ValidationIssue,
  type ValidatorCode,
} from './result';
export * from './messages';
export { MAX_INPUT_LENGTH } from './input';
export * from './check-digits';
export { validateDate, isRealDate, daysInMonth, localIsoDate, type DateOptions } from './date';
export * from './resident-id';
export * from './foreign-permanent-id';
export * from './travel-permit';
export * from './passport';
export * from './uscc';
export * from './mobile';
export * from './landline';
export * from './contact-phone';
export * from './postcode';
export * from './person-name';
export * from './ems';
export * from './masking';
