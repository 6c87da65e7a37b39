import { describe, expect, it } from 'vitest';
import type { Material } from '@tongban/protocol/catalogue/schema';
import { conditionApplies, isMaterialRequired } from './formal-check';

const conditional = (condition: string): Material => ({
  code: 'X',
  name: '材料',
  form: 'copy',
  copies: 1,
  requirement: 'conditional',
  condition,
  mailOriginalToLocality: false,
});

describe('conditional materials under 代办', () => {
  it('a condition that is 代办/委托 alone applies to every 代办 and to nothing else', () => {
    for (const condition of ['代办时提供', '委托代办时提供', '由代理人办理时提供']) {
      expect(conditionApplies(conditional(condition), { mode: 'proxy' }), condition).toBe(true);
      expect(conditionApplies(conditional(condition), { mode: 'self' }), condition).toBe(false);
    }
  });

  it('a 代办 condition with a further qualifier (the locality’s own rule) is left to the clerk', () => {
    for (const condition of ['代办且参保地要求时提供', '代办且属地需要时提供']) {
      expect(conditionApplies(conditional(condition), { mode: 'proxy' }), condition).toBe(false);
      expect(isMaterialRequired(conditional(condition), { mode: 'proxy' }), condition).toBe(false);
    }
  });

  it('conditions about other facts never apply by themselves', () => {
    expect(conditionApplies(conditional('申请人为未成年人时提供'), { mode: 'proxy' })).toBe(false);
    expect(isMaterialRequired({ ...conditional('代办时提供'), requirement: 'required' }, { mode: 'self' })).toBe(true);
  });
});
