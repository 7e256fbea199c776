export { firstEffective, governingVersion, placeOnTimeline, versionInForce } from './timeline.js';
export type { Approval, Basis, TimelineEntry, TimelinePlace, VersionState } from './timeline.js';
