import { describe, expect, it } from 'vitest';
import { AppError } from '@common/errors';
import { canSeeCase, canWorkOnDraft, ownDraft, restrictedTo, scopeToViewer, visibleCase } from './case-access';

const clerk = { id: 1, role: 'clerk' };
const helper = { id: 2, role: 'helper' };
const otherHelper = { id: 3, role: 'helper' };
const supervisor = { id: 4, role: 'supervisor' };

function answer(fn: () => unknown): unknown {
  try {
    fn();
    return 'allowed';
  } catch (e) {
    return e instanceof AppError ? { code: e.code, message: e.message } : e;
  }
}

describe('the case-access policy', () => {
  it('lets helpers see only the cases they filed; every other role sees all', () => {
    expect(canSeeCase(helper, helper.id)).toBe(true);
    expect(canSeeCase(helper, clerk.id)).toBe(false);
    expect(canSeeCase(clerk, helper.id)).toBe(true);
    expect(canSeeCase(supervisor, helper.id)).toBe(true);
  });

  it('lets the owner or a supervisor work on a draft', () => {
    expect(canWorkOnDraft(clerk, clerk.id)).toBe(true);
    expect(canWorkOnDraft(helper, clerk.id)).toBe(false);
    expect(canWorkOnDraft({ id: 9, role: 'clerk' }, clerk.id)).toBe(false);
    expect(canWorkOnDraft(supervisor, clerk.id)).toBe(true);
  });

  it('answers "not yours" exactly like "no such case" or "no such draft"', () => {
    const stored = { clerkId: helper.id };
    const missing = answer(() => visibleCase(otherHelper, null, (c: typeof stored) => c.clerkId));
    const notYours = answer(() => visibleCase(otherHelper, stored, (c) => c.clerkId));
    expect(notYours).toEqual({ code: 'not-found', message: 'no such case' });
    expect(notYours).toEqual(missing);
    expect(visibleCase(helper, stored, (c) => c.clerkId)).toBe(stored);

    const draft = { ownerId: clerk.id };
    expect(answer(() => ownDraft(helper, draft))).toEqual({ code: 'not-found', message: 'no such draft' });
    expect(answer(() => ownDraft(helper, draft))).toEqual(answer(() => ownDraft(helper, undefined)));
    expect(ownDraft(supervisor, draft)).toBe(draft);
  });

  it('narrows lists to the helper’s own records and leaves others unscoped', () => {
    expect(scopeToViewer(helper, { limit: 10 })).toEqual({ limit: 10, clerkId: helper.id });
    expect(scopeToViewer(helper, { clerkId: clerk.id })).toEqual({ clerkId: helper.id });
    expect(scopeToViewer(clerk, { limit: 10 })).toEqual({ limit: 10 });
    expect(restrictedTo(helper)).toBe(helper.id);
    expect(restrictedTo(supervisor)).toBeUndefined();
  });
});
