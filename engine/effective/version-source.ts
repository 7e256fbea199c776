import type { Locale } from '../model.js';
import { formatEffective } from './dates.js';

/** What an answer was decided under: a published version, its effective day and its basis. */
export interface VersionSource {
  version: number;
  effectiveFrom: string;
  basis?: { text: string; date?: string | null } | null;
}

/** 「依据 第4版，2027-01-01 起施行（经镇党委会2026年第12次会议研究通过）」 */
export function versionSourceText(source: VersionSource, locale: Locale = 'zh'): string {
  const when = formatEffective(source.effectiveFrom);
  const basis = source.basis?.text
    ? source.basis.text +
      (source.basis.date ? (locale === 'zh' ? `，${source.basis.date}` : `, ${source.basis.date}`) : '')
    : '';
  if (locale === 'zh') return `依据 第${source.version}版，${when} 起施行${basis ? `（${basis}）` : ''}`;
  return `Under version ${source.version}, in force from ${when}${basis ? ` (${basis})` : ''}`;
}
