/**
 * Which version is in force when, derived from the versions' effective dates. Pure:
 * the store hands in rows, the catalog caches them per generation, and time is a parameter, so a
 * scheduled version takes effect at its moment without anyone writing anything.
 *
 * The rule: among versions not cancelled, the one with the greatest effectiveFrom ≤ t is in force
 * (equal effectiveFrom: the higher number). Sorting by (effectiveFrom, version) therefore lists
 * the timeline in order, each entry ending where the next begins.
 */

export type VersionState = 'scheduled' | 'inForce' | 'superseded' | 'cancelled';

/** 文号 or meeting minutes a version was adopted by, and the day of adoption. */
export interface Basis {
  text: string;
  date?: string | null;
}

/** An approval that let a version out (from its publish request). */
export interface Approval {
  username: string;
  at: string;
  comment?: string | null;
}

export interface TimelineEntry {
  version: number;
  effectiveFrom: string;
  cancelled: boolean;
  /** carried along for explanations (「依据 第4版……（经……通过）」) */
  basis?: Basis | null;
}

export interface TimelinePlace {
  state: VersionState;
  /** when the next version took or takes over; null while nothing follows */
  effectiveTo: string | null;
}

function ordered(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return entries
    .filter((e) => !e.cancelled)
    .sort((a, b) =>
      a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.version - b.version,
    );
}

/** The version in force at `at` (ISO UTC), or undefined before the first one. */
export function versionInForce(entries: readonly TimelineEntry[], at: string): number | undefined {
  let found: number | undefined;
  for (const e of ordered(entries)) {
    if (e.effectiveFrom > at) break;
    found = e.version;
  }
  return found;
}

/** State and end of every version at `now`. */
export function placeOnTimeline(entries: readonly TimelineEntry[], now: string): Map<number, TimelinePlace> {
  const places = new Map<number, TimelinePlace>();
  const active = ordered(entries);
  const current = versionInForce(entries, now);
  active.forEach((e, i) => {
    const state: VersionState = e.version === current ? 'inForce' : e.effectiveFrom > now ? 'scheduled' : 'superseded';
    places.set(e.version, { state, effectiveTo: active[i + 1]?.effectiveFrom ?? null });
  });
  for (const e of entries) if (e.cancelled) places.set(e.version, { state: 'cancelled', effectiveTo: null });
  return places;
}

/** The first effective moment (for the "before the first version" message). */
export function firstEffective(entries: readonly TimelineEntry[]): string | undefined {
  return ordered(entries)[0]?.effectiveFrom;
}

/**
 * The version whose adoption settings govern the next publish: the one in force at `at`, so that
 * switching approval off is itself a change that needs approval; while only scheduled versions
 * exist, the newest of them; undefined before any version.
 */
export function governingVersion(entries: readonly TimelineEntry[], at: string): number | undefined {
  const active = ordered(entries);
  if (active.length === 0) return undefined;
  return versionInForce(active, at) ?? Math.max(...active.map((e) => e.version));
}
