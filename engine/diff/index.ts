export { diffPacks } from './pack-diff.js';
export type {
  CaseAnswer,
  ComparedRule,
  DiffSide,
  MovedFixture,
  PackDiff,
  ParameterChange,
  RuleChanges,
  RuleSummary,
} from './pack-diff.js';
export { parametersRead } from './decision-inputs.js';
