// The one place an area is registered: its id, sidebar label and icon, Ctrl/Cmd+number shortcut
// and page. The sidebar, the shortcuts and App's page all read this list. Keep the UI guide's
// order (Today, People, 1:1s, Skills, Ladders, Hiring, Case studies, On-call, Calibration,
// Blueprint, Settings), listing only the areas that exist, and number the shortcuts in it;
// Settings keeps Ctrl/Cmd+, (as in most apps) however many areas come before it.
//
// Pages may import lib/nav, which imports only the AreaId *type* from here, so there is no
// import cycle at run time.
import type { Component } from 'svelte';
import BlueprintPage from '../areas/blueprint/BlueprintPage.svelte';
import LaddersPage from '../areas/ladders/LaddersPage.svelte';
import OneOnOnesPage from '../areas/one-on-ones/OneOnOnesPage.svelte';
import PeoplePage from '../areas/people/PeoplePage.svelte';
import SettingsPage from '../areas/settings/SettingsPage.svelte';
import SkillsPage from '../areas/skills/SkillsPage.svelte';
import TodayPage from '../areas/today/TodayPage.svelte';

type AreaEntry = { id: string; label: string; icon: string; shortcut: string; page: Component };

export const areas = [
  { id: 'today', label: 'Today', icon: 'sun', shortcut: '1', page: TodayPage },
  { id: 'people', label: 'People', icon: 'people', shortcut: '2', page: PeoplePage },
  { id: 'one-on-ones', label: '1:1s', icon: 'chat', shortcut: '3', page: OneOnOnesPage },
  { id: 'skills', label: 'Skills', icon: 'grid', shortcut: '4', page: SkillsPage },
  { id: 'ladders', label: 'Ladders', icon: 'ladder', shortcut: '5', page: LaddersPage },
  { id: 'blueprint', label: 'Blueprint', icon: 'book', shortcut: '6', page: BlueprintPage },
  { id: 'settings', label: 'Settings', icon: 'settings', shortcut: ',', page: SettingsPage },
] as const satisfies readonly AreaEntry[];

export type Area = (typeof areas)[number];
export type AreaId = Area['id'];
