// The only module that talks to the Tauri backend. Every call returns typed data or throws an
// AppError ({code, message, field?}) so screens can show the message where the user acted.
import { invoke } from '@tauri-apps/api/core';
import type {
  Added,
  AppError,
  AppStatus,
  Document,
  ExportFormat,
  NewNode,
  NodeContent,
  PeopleQuery,
  Person,
  PersonInput,
  Revision,
  SearchHit,
  Section,
} from '../bindings';

export type * from '../bindings';

export function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

/** Normalises anything thrown across IPC into an AppError. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  return { code: 'storage', message: typeof e === 'string' ? e : String(e) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const api = {
  appStatus: () => call<AppStatus>('app_status'),
  people: {
    list: (query: PeopleQuery) => call<Person[]>('people_list', { query }),
    get: (id: string) => call<Person>('people_get', { id }),
    add: (input: PersonInput) => call<Person>('people_add', { input }),
    update: (id: string, input: PersonInput) => call<Person>('people_update', { id, input }),
    archive: (id: string) => call<Person>('people_archive', { id }),
    restore: (id: string) => call<Person>('people_restore', { id }),
  },
  blueprint: {
    document: () => call<Document>('blueprint_document'),
    edit: (id: string, content: NodeContent) => call<Section>('blueprint_edit', { id, content }),
    add: (node: NewNode) => call<Added>('blueprint_add', { node }),
    remove: (id: string) => call<Section>('blueprint_delete', { id }),
    move: (id: string, offset: number) => call<Section>('blueprint_move', { id, offset }),
    reset: (sectionId: string) => call<Section>('blueprint_reset', { sectionId }),
    history: (sectionId: string) => call<Revision[]>('blueprint_history', { sectionId }),
    restore: (revisionId: number) => call<Section>('blueprint_restore', { revisionId }),
    search: (query: string) => call<SearchHit[]>('blueprint_search', { query }),
    /** Opens the native save dialog; resolves to the saved path, or null if cancelled. */
    exportTo: (format: ExportFormat) => call<string | null>('blueprint_export', { format }),
  },
};
