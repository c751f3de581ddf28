// Which area is open, and what it was opened for (a person's 1:1 space, one meeting). Areas
// read `nav.params` to land on the right record; anything can call `openArea` to jump there.
import type { AreaId } from './areas';

export type NavParams = {
  /** Open this person (the People page selects them; the 1:1s area opens their space). */
  personId?: string;
  /** Open this meeting of the person in the meeting view. */
  meetingId?: string;
  /** Scroll to this blueprint node, flash it and focus it. */
  nodeId?: string;
  /** Skills: put the matrix's focus on this skill's column. */
  skillId?: string;
  /** Ladders: open the ladder of this competency, on its row. */
  competencyId?: string;
  /** Ladders: open this ladder. */
  ladderId?: string;
  /**
   * Then do this once there (1:1s, with `personId`): start today's 1:1 (or open it if it is
   * already there), as the Start button does; or open the history export dialog.
   */
  then?: 'start' | 'export';
};

export const nav: { area: AreaId; params: NavParams } = $state({ area: 'today', params: {} });

/** Opens an area, optionally on a record. A new params object each time, so areas react. */
export function openArea(id: AreaId, params: NavParams = {}) {
  nav.area = id;
  nav.params = { ...params };
}

/** Reads `then` and clears it, so an intent runs once even if the page reacts again. */
export function takeIntent(): NavParams['then'] {
  const then = nav.params.then;
  if (then) nav.params.then = undefined;
  return then;
}
