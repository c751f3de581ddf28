// The areas that exist, in the fixed sidebar order of the UI guide. Add an area here when it lands.
export type AreaId = 'people' | 'blueprint';

export type Area = { id: AreaId; label: string; icon: string; shortcut: string };

export const areas: Area[] = [
  { id: 'people', label: 'People', icon: 'people', shortcut: '1' },
  { id: 'blueprint', label: 'Blueprint', icon: 'book', shortcut: '2' },
];
