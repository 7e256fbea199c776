/** English messages: react-admin's own and the platform's, typed against the Chinese ones. */
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import type { AppMessages } from './zh';
import { locksEn, sheetsEn } from './sheets';
import { adoptionEn } from './adoption';
import { directorEn } from './director';
import { phoneEn } from './phone';

type Same<T> = { [K in keyof T]: T[K] extends string ? string : Same<T[K]> };

export const appEn: Same<AppMessages> = {
  app: {
    title: 'Township rules platform', language: 'Language', currentPack: 'Current rule pack', choosePack: 'Choose a rule pack',
    noPack: 'No rule pack available', township: 'Township', base: 'Base pack', draft: 'Draft', revision: 'Draft revision',
    inForce: 'Version in force', none: 'none', decision: 'Decision', allDecisions: 'All decisions', basis: 'Basis',
    originalText: 'Original text', unit: 'Unit', range: 'Allowed range', help: 'Help', inherited: 'Inherited from the base pack',
    overridden: 'Overridden in this pack', own: 'Defined in this pack', locked: 'Locked', restoreInherited: 'Restore inherited value',
    inheritedValue: 'Inherited value', saveNothing: 'Nothing was saved', saved: 'Saved',
    forbidden: 'This pack belongs to another township or your role may not do this', loading: 'Loading…', open: 'Open',
    actions: 'Actions', yes: 'yes', no: 'no', packActions: 'Pack actions',
    rolesLabel: { admin: 'Administrator', director: 'Director', tester: 'Tester', viewer: 'Viewer' },
  },
  menu: {
    packs: 'Rule packs', parameters: 'Parameters', rules: 'Rules', fixtures: 'Test cases', test: 'Run tests', tryit: 'Try it',
    publish: 'Publish', versions: 'Versions', audit: 'Audit log', importExport: 'Import/export', users: 'Users', townships: 'Townships',
  },
  params: {
    title: 'Parameters', value: 'Value', editTitle: 'Change parameter', integer: 'must be an integer', number: 'must be a number', stringList: 'must be a list of texts',
    min: 'must be at least %{min}%{unit}', max: 'must be at most %{max}%{unit}',
    lockFixed: 'Locked by the base pack, may not be changed: %{reason}',
    lockMin: 'must be at least %{min}%{unit} (base pack bound: %{reason})', lockMax: 'must be at most %{max}%{unit} (base pack bound: %{reason})',
    enumOneOf: 'must be one of: %{options}', note: 'Reason for the change', restored: 'Inherited value restored',
    group: { leave: 'Leave', attendance: 'Attendance', penalty: 'Penalties', hours: 'Working hours', annualLeave: 'Annual leave', duty: 'Duty and reporting', expense: 'Expenses', fin: 'Finance', meeting: 'Meetings', report: 'Reporting', link: 'Contact with communities', meal: 'Staff canteen', roster: 'Duty rosters', homeVisit: 'Home-visit leave', study: 'Study', pay: 'Pay deductions', marriageLeave: 'Marriage leave', holiday: 'Holiday duty', room: 'Duty room', review: 'Self-assessment', maternity: 'Maternity leave', bereavement: 'Bereavement leave', asset: 'Fixed assets', ab: 'A/B roles', other: 'Other' },
  },
  rules: {
    title: 'Rules', ruleId: 'Rule id', ruleIdGenerated: 'Leave empty to generate', ruleIdPattern: 'Letters and digits, starting lower-case, dot-separated; usually generated on save', advanced: 'Show ids (advanced)', ruleTitle: 'Title', group: 'Group (decision table)', priority: 'Priority', citations: 'Basis',
    note: 'Boundary note', conditions: 'Conditions', outcomes: 'Outcomes', visual: 'Visual editor', json: 'JSON mode',
    jsonInvalid: 'JSON does not match the rule format', jsonSyntax: 'JSON syntax error', parameterRef: 'Parameter', literal: 'Value',
    addOutcome: 'Add outcome', disabled: 'Disabled (overrides an inherited rule)', untitled: 'Untitled rule', definedIn: 'Defined in', noCitation: 'No basis',
    unknownParameter: 'Unknown parameter "%{id}"', outcomeType: 'Outcome type',
  },
  outcome: {
    type: {
      approval: 'Approval step', refusal: 'Refusal', document: 'Required document', classification: 'Attendance category', absence: 'Absence',
      payDeduction: 'Pay deduction', penalty: 'Penalty', entitlement: 'Entitlement', deadline: 'Deadline', verdict: 'Verdict', requirement: 'Requirement',
    },
    step: 'Step', roles: 'Roles', mode: 'Several roles', action: 'Action', code: 'Code', reason: 'Reason', document: 'Document',
    category: 'Category', days: 'Days', item: 'Item', share: 'Share', amount: 'Amount (yuan)', period: 'Period', measure: 'Measure', target: 'Target',
    leaveType: 'Leave type', minutes: 'Minutes', value: 'Value', text: 'Text',
  },
  fixtures: {
    title: 'Test cases', caseId: 'Case id', name: 'Name', facts: 'Facts', expect: 'Expected result', expectError: 'Expected error',
    run: 'Run tests', runAll: 'Run every test case', running: 'Running…', passed: 'Passed', failed: 'Failed',
    summary: '%{passed} passed, %{failed} failed', expected: 'Expected', actual: 'Actual', missing: 'Missing (expected, not produced)',
    unexpected: 'Unexpected (produced, not expected)', explanation: 'How it was computed', fromTrial: 'Save as test case',
    fixFromActual: 'Use the actual result as expected', fixed: 'Expected result updated', created: 'Test case added', onlyFailed: 'Failed only',
  },
  tryit: {
    title: 'Try it', run: 'Evaluate', result: 'Result', explanation: 'Basis and reasoning', noRule: 'No rule matched: the regulation does not cover this case',
    basis: 'Original text of the cited clauses', version: 'Version', draftVersion: 'Draft (unpublished)', publishedVersion: 'Version in force',
    saveAsFixture: 'Save as test case', fixtureName: 'Case name', fixtureId: 'Case id', factsInvalid: 'Please correct the form',
  },
  publish: {
    title: 'Publish', diffTitle: 'Changes against the version in force', noChanges: 'The draft equals the version in force',
    fixtureChanges: 'Test cases whose result changes', noFixtureChanges: 'No test case changes its result', lint: 'Rule checks',
    lintClean: 'No findings', toFinish: 'To finish before publishing:', toReview: 'Back to the proposed rules', tests: 'Test results', note: 'Release note', effectiveFrom: 'Effective from', basis: 'Basis (document)',
    submit: 'Publish', published: 'Published as version %{version}', blocked: 'Cannot publish', parameters: 'Parameters', rules: 'Rules',
    before: 'Before', after: 'After', added: 'Added', removed: 'Removed', changed: 'Changed',
  },
  versions: {
    title: 'Versions', version: 'Version', publishedAt: 'Published at', publishedBy: 'Published by', note: 'Release note',
    effectiveFrom: 'Effective from', origin: 'Origin', originNames: { seed: 'Initial import', publish: 'Publish', rollback: 'Rollback', import: 'Import' },
    current: 'In force', history: 'History', rollback: 'Restore this version',
    rollbackConfirm: 'Restore the pack to version %{version}? A new version with the content of version %{version} is published.',
    rolledBack: 'Rolled back; version %{version} is in force', compare: 'Compare', from: 'From version', to: 'To version', diff: 'Differences',
  },
  audit: { title: 'Audit log', actor: 'Who', at: 'When', action: 'What', resource: 'Object', record: 'Record', before: 'Before', after: 'After' },
  importExport: {
    title: 'Import/export', export: 'Export', import: 'Import', importFile: 'Choose a pack file (.json)', imported: 'Imported pack %{id}',
    createFromBase: 'Create a township pack from a base pack',
  },
  packs: { id: 'Pack id', name: 'Pack name', township: 'Township', extends: 'Base pack', description: 'Description', create: 'New township pack' },
  sheets: sheetsEn,
  locks: locksEn,
  adoption: adoptionEn,
  phone: phoneEn,
  lint: { overlap: 'Overlapping ranges', gap: 'Uncovered range', error: 'Error', warning: 'Warning' },
  director: directorEn,
};

const en: TranslationMessages & Same<AppMessages> & { resources: Record<string, unknown> } = {
  ...englishMessages,
  ...appEn,
  resources: {
    packs: { name: 'Rule pack |||| Rule packs', fields: { id: 'Pack id', name: 'Name', townshipId: 'Township', extendsId: 'Base pack' } },
    parameters: { name: 'Parameter |||| Parameters', fields: { label: 'Parameter', value: 'Value', unit: 'Unit', source: 'Basis' } },
    rules: { name: 'Rule |||| Rules', fields: { title: 'Title', ruleId: 'Rule id', decision: 'Decision', group: 'Group', priority: 'Priority', citations: 'Basis' } },
    fixtures: { name: 'Test case |||| Test cases', fields: { name: 'Name', caseId: 'Case id', decision: 'Decision' } },
    sources: { name: 'Clause |||| Clauses', fields: { clauseId: 'Clause id', document: 'Document', article: 'Article', text: 'Text' } },
    versions: { name: 'Version |||| Versions', fields: { version: 'Version', note: 'Release note' } },
    'audit-events': { name: 'Audit log', fields: { actor: 'Who', at: 'When', action: 'What' } },
    users: { name: 'User |||| Users', fields: { username: 'Username', role: 'Role', townshipId: 'Township', displayName: 'Name', password: 'Password', canApprove: 'May approve' } },
    'publish-requests': { name: 'Publish request |||| Publish requests', fields: { id: 'Request', packId: 'Rule pack', status: 'Status', requestedBy: 'Requested by', requestedAt: 'Requested at', effectiveFrom: 'Takes effect' } },
    townships: { name: 'Township |||| Townships', fields: { id: 'Id', name: 'Name', level: 'Level' } },
  },
};

export default en;
