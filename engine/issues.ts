/**
 * A problem found in a pack: validation errors block loading and publishing, warnings do not.
 * Every issue says where it is (pack, file, JSON pointer) in words for directors (zh) and for
 * developers (en).
 */
export type Severity = 'error' | 'warning';

export interface Issue {
  severity: Severity;
  code: string;
  pack: string;
  file?: string;
  pointer?: string;
  ruleIds?: string[];
  message: string;
  messageZh: string;
}

export function issueLocation(issue: Issue): string {
  const where = [issue.pack, issue.file].filter(Boolean).join('/');
  return issue.pointer ? `${where}#${issue.pointer}` : where;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

/** Escape one segment of a JSON pointer (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + pointerSegment(s)).join('');
}
