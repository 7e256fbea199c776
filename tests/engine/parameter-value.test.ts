import { describe, expect, it } from 'vitest';
import { describeValueFault, parameterLockFault, parameterValueFault } from '../../engine/pack/parameter-value.js';

describe('parameter value faults (shared by the engine and the admin UI)', () => {
  it('checks numbers, integers and the range', () => {
    const days = { type: 'number' as const, min: 0.5, max: 30 };
    expect(parameterValueFault(days, 2)).toBeUndefined();
    expect(parameterValueFault(days, Number.NaN)).toEqual({ kind: 'number' });
    expect(parameterValueFault(days, '2')).toEqual({ kind: 'number' });
    expect(parameterValueFault({ type: 'integer' }, 1.5)).toEqual({ kind: 'integer' });
    expect(parameterValueFault(days, 0.1)).toEqual({ kind: 'min', bound: 0.5 });
    expect(describeValueFault(parameterValueFault(days, 31)!, '天')).toEqual({
      en: 'must be at most 30',
      zh: '不得大于 30天',
    });
  });
  it('says a list of texts must be a list of texts', () => {
    expect(parameterValueFault({ type: 'stringList' }, ['事假'])).toBeUndefined();
    const fault = parameterValueFault({ type: 'stringList' }, ['事假', 3])!;
    expect(describeValueFault(fault)).toEqual({ en: 'must be a list of strings', zh: '必须是文字列表' });
  });
  it('checks options and yes/no', () => {
    const options = [{ value: 'a', label: '甲' }];
    expect(parameterValueFault({ type: 'enum', options }, 'b')).toEqual({ kind: 'enum', options });
    expect(parameterValueFault({ type: 'boolean' }, 'true')).toEqual({ kind: 'boolean' });
  });
  it('refuses every value under a fixed lock and values beyond a bounded one', () => {
    expect(parameterLockFault({ kind: 'fixed', source: 'X', reason: '国家规定' }, 1)).toEqual({
      kind: 'lockFixed',
      reason: '国家规定',
    });
    const bounded = { kind: 'bounded' as const, min: 10, max: 120, source: 'X', reason: '上级规定' };
    expect(parameterLockFault(bounded, 5)).toEqual({ kind: 'lockMin', bound: 10, reason: '上级规定' });
    expect(parameterLockFault(bounded, 200)).toEqual({ kind: 'lockMax', bound: 120, reason: '上级规定' });
    expect(parameterLockFault(bounded, 60)).toBeUndefined();
    expect(parameterLockFault({ kind: 'free', source: 'X', reason: 'r' }, 1)).toBeUndefined();
  });
});
