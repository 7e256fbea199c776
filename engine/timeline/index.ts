export { firstEffective, governingVersion, placeOnTimeline, versionInForce } from './timeline.js';
export type { TimelineEntry, TimelinePlace, VersionState } from './timeline.js';
