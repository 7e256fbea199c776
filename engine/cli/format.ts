import pc from 'picocolors';
import { issueLocation, type Issue } from '../issues.js';

export const ok = (text: string) => pc.green(text);
export const bad = (text: string) => pc.red(text);
export const dim = (text: string) => pc.dim(text);
export const bold = (text: string) => pc.bold(text);

export function formatIssue(issue: Issue): string {
  const tag = issue.severity === 'error' ? bad('error') : pc.yellow('warning');
  return `  ${tag} ${dim(issue.code)} ${issueLocation(issue)}\n    ${issue.messageZh}\n    ${dim(issue.message)}`;
}

/** Print JSON for machines, or the human rendering. */
export function output(json: boolean, data: unknown, human: () => string): void {
  process.stdout.write(json ? JSON.stringify(data, null, 2) + '\n' : human() + '\n');
}
