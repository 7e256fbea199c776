/**
 * 试算's one choice of which rules answer: the draft, the version in force on the day of the
 * event, or a numbered version. A day belongs only to the second, so a trial can never name a
 * version and a different day at once.
 */
export type VersionChoice = { kind: 'draft' } | { kind: 'onDay'; day: string } | { kind: 'version'; version: number };

/** What the evaluate request carries for a choice: `version` or `asOf`, never both. */
export function evaluateTarget(choice: VersionChoice): { version?: 'draft' | number; asOf?: string } {
  switch (choice.kind) {
    case 'draft':
      return { version: 'draft' };
    case 'version':
      return { version: choice.version };
    case 'onDay':
      return choice.day ? { asOf: choice.day } : {};
  }
}

/** The select's value for a choice ('draft', 'onDay', or the version number). */
export function choiceKey(choice: VersionChoice): string {
  return choice.kind === 'version' ? String(choice.version) : choice.kind;
}

/** The choice a select value stands for; the day is kept when staying on 'onDay'. */
export function choiceOf(key: string, day: string): VersionChoice {
  if (key === 'draft') return { kind: 'draft' };
  if (key === 'onDay') return { kind: 'onDay', day };
  return { kind: 'version', version: Number(key) };
}

/** 「草稿」, 「第 3 版」 — how a result names the rules that answered (never the raw 'draft'). */
export function versionName(version: string | number | undefined, locale: string): string {
  if (version === undefined || version === 'draft') return locale === 'en' ? 'draft' : '草稿';
  return locale === 'en' ? `version ${version}` : `第 ${version} 版`;
}
