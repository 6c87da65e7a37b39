import type { FormRule } from 'antd';
import type { z } from 'zod';
import { passwordProblems } from '@common/accounts';
import { fieldMessage } from '../i18n/errors';

// The client checks with the very schemas and rules the main process applies, so a clerk sees
// the same message before and after submitting.

/** An antd rule from a zod schema of `common`; the schema's issue codes become translated messages. */
export function schemaRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const parsed = schema.safeParse(value ?? '');
      if (!parsed.success) throw new Error(fieldMessage(parsed.error.issues[0]?.message ?? 'schema-fallback'));
    },
  };
}

/** The password strength rules, checked against the login name typed in the same form. */
export function passwordRule(usernameOf: () => string | undefined): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || value === '') throw new Error(fieldMessage('required'));
      const username = usernameOf() ?? '';
      // With no login name typed yet, "contains the login name" would match the empty string.
      const problems = passwordProblems(value, username).filter(
        (p) => username !== '' || p !== 'password-contains-username',
      );
      if (problems[0]) throw new Error(fieldMessage(problems[0]));
    },
  };
}

/** Requires the value to equal another field's (password confirmation). */
export function sameAsRule(field: string | string[]): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: unknown) => {
      if (!value) throw new Error(fieldMessage('required'));
      if (value !== getFieldValue(field)) throw new Error(fieldMessage('password-mismatch'));
    },
  });
}

/** A required field with the shared message. */
export const requiredRule = (): FormRule => ({ required: true, message: fieldMessage('required') });
