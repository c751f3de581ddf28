// Which area is open, and what it was opened for (a person's 1:1 space, one meeting). Areas
// read `nav.params` to land on the right record; anything can call `openArea` to jump there.
import type { AreaId } from './areas';

export type NavParams = {
  /** Open this person (the 1:1s area selects them). */
  personId?: string;
  /** Open this meeting of the person in the meeting view. */
  meetingId?: string;
};

export const nav: { area: AreaId; params: NavParams } = $state({ area: 'today', params: {} });

/** Opens an area, optionally on a record. A new params object each time, so areas react. */
export function openArea(id: AreaId, params: NavParams = {}) {
  nav.area = id;
  nav.params = { ...params };
}
