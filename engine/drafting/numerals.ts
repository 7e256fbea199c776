/**
 * Numbers as Chinese regulations write them: Arabic (also full-width), Chinese (十五, 两, 一百,
 * 二十), halves (半天 → 0.5), fractions (三分之二 → 2/3) and Arabic with a Chinese multiplier
 * (3千 → 3000, 3万 → 30000). Returns undefined for anything else rather than guessing.
 */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** Characters a Chinese numeral is made of (for scanners). */
export const CHINESE_NUMERAL_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';

/** Full-width digits and the full-width dot become ASCII, so that one pattern reads both. */
export function toHalfWidthDigits(text: string): string {
  return text.replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** 十五 → 15, 一百零五 → 105, 两万 → 20000; undefined when the string is not a Chinese numeral. */
export function parseChineseInteger(text: string): number | undefined {
  if (!text) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in DIGITS) {
      if (digit !== undefined && digit !== 0 && DIGITS[ch] !== 0) {
        // 一二 is a list, not a number; but 二〇二四-style digit strings are years, read digit by digit
        if (!/^[〇零一二三四五六七八九]+$/.test(text)) return undefined;
        return Number([...text].map((c) => DIGITS[c]).join(''));
      }
      digit = DIGITS[ch];
    } else if (ch in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[ch];
      digit = undefined;
    } else if (ch in BIG_UNITS) {
      total = (total + section + (digit ?? 0)) * BIG_UNITS[ch];
      section = 0;
      digit = undefined;
    } else {
      return undefined;
    }
  }
  return total + section + (digit ?? 0);
}

/**
 * Any numeral form → its value: "1.5", "１５", "十五", "两", "半" (0.5), "一个半" (1.5),
 * "三分之二" (2/3), "3千", "3万", "2.5万". Undefined when it is not a number.
 */
export function parseNumeral(raw: string): number | undefined {
  const text = toHalfWidthDigits(raw.trim());
  if (text === '') return undefined;
  if (text === '半') return 0.5;
  const fraction = /^(.+)分之(.+)$/.exec(text);
  if (fraction) {
    const denominator = parseNumeral(fraction[1]);
    const numerator = parseNumeral(fraction[2]);
    return denominator && numerator !== undefined ? numerator / denominator : undefined;
  }
  const half = /^(.+?)个?半$/.exec(text);
  if (half) {
    const whole = parseNumeral(half[1]);
    return whole === undefined ? undefined : whole + 0.5;
  }
  const arabic = /^(\d+(?:\.\d+)?)([十百千万亿]*)$/.exec(text);
  if (arabic) {
    let value = Number(arabic[1]);
    for (const ch of arabic[2]) value *= SMALL_UNITS[ch] ?? BIG_UNITS[ch];
    return value;
  }
  return parseChineseInteger(text);
}
