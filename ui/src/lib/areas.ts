// The areas that exist, in the fixed sidebar order of the UI guide. Add an area here when it lands.
export type AreaId = 'today' | 'people' | 'one-on-ones' | 'blueprint';

export type Area = { id: AreaId; label: string; icon: string; shortcut: string };

export const areas: Area[] = [
  { id: 'today', label: 'Today', icon: 'sun', shortcut: '1' },
  { id: 'people', label: 'People', icon: 'people', shortcut: '2' },
  { id: 'one-on-ones', label: '1:1s', icon: 'chat', shortcut: '3' },
  { id: 'blueprint', label: 'Blueprint', icon: 'book', shortcut: '4' },
];
