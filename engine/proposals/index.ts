/**
 * Proposed rules from a regulation document, confirmed by a person: the pure API the CLI, the
 * HTTP API and the admin UI wizard share. See README.md in this folder.
 */
export type * from './model.js';
export { proposeRules, type ProposeInput, type ParameterRefs } from './propose.js';
export { analyseTiers, resolveIssue, ResolutionError, tierInterval, factDomain } from './issues.js';
export { acceptProposals, confirmAll, type AcceptResult, type AcceptOptions, type HeldBack } from './accept.js';
export { boundaryFixtures, boundaryValues, stepFor } from './fixtures.js';
export { onboardingBlockers, type OnboardingBlocker, type BlockerCode } from './gate.js';
export { prefillOutcomes } from './outcomes.js';
export { guessDecision, guessContext } from './guess.js';
export { ruleTitle, tierRangeZh, outcomesZh, fixtureName, ruleIdFor } from './naming.js';
export { setTierStatus, setDecision, setOutcomes, setContext, readProposals } from './edit.js';
