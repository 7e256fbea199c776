/**
 * What a rule is called on screen: its title, else the title of the rule of the same id further
 * up the extends chain (a rule a township switched off carries only the id), never the raw id.
 */
export interface NamedRule { ruleId: string; title?: string }

export function ruleName(rule: NamedRule, chain: NamedRule[], untitled: string): string {
  return rule.title || chain.find((r) => r.ruleId === rule.ruleId && r.title)?.title || untitled;
}
