import { describe, expect, it } from 'vitest';
import { parseNumeral } from '../../engine/drafting/numerals.js';

describe('numerals', () => {
  it.each([
    ['15', 15],
    ['１５', 15],
    ['1.5', 1.5],
    ['十五', 15],
    ['两', 2],
    ['半', 0.5],
    ['一百', 100],
    ['二十', 20],
    ['十', 10],
    ['一百零五', 105],
    ['三分之二', 2 / 3],
    ['3千', 3000],
    ['3万', 30000],
    ['一个半', 1.5],
    ['两万', 20000],
    ['十八', 18],
  ])('%s → %d', (text, value) => {
    expect(parseNumeral(text)).toBeCloseTo(value, 10);
  });
  it('refuses what is not a number', () => {
    expect(parseNumeral('天')).toBeUndefined();
    expect(parseNumeral('')).toBeUndefined();
  });
});
