/**
 * The workspace kept in this browser's IndexedDB: the files the team loaded (their bytes, so
 * every figure can be rebuilt exactly), header mappings and settings. Nothing is sent anywhere.
 */
import { readStoredWorkspace, type StoredFile, type StoredWorkspace } from '$lib/core/contract/workspace';
import type { SourceFile } from '$lib/core/import/source';

export type { StoredFile, StoredWorkspace };

export function toSource(file: Pick<StoredFile, 'name' | 'data'>): SourceFile {
  return file.data instanceof Uint8Array ? { name: file.name, data: file.data } : { name: file.name, blob: file.data };
}

const DB = 'continuum';
const STORE = 'workspace';
const KEY = 'current';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('storage transaction aborted'));
    });
  } finally {
    db.close();
  }
}

/** Rejects, with the first thing wrong, a kept record that the schemas it was made with refuse. */
export async function readWorkspace(): Promise<StoredWorkspace | undefined> {
  return readStoredWorkspace(await run('readonly', (store) => store.get(KEY)));
}

/** Written in one transaction: a reload mid-way keeps the previous workspace whole. */
export async function writeWorkspace(workspace: StoredWorkspace): Promise<void> {
  try {
    await run('readwrite', (store) => store.put(workspace, KEY));
  } catch (error) {
    if ((error as DOMException)?.name === 'QuotaExceededError') {
      throw new Error('This browser has no room left to keep the workspace. The data is loaded for now, but will not survive a reload: free some space (remove other sites’ data) and load again.');
    }
    throw error;
  }
}

export async function clearWorkspace(): Promise<void> {
  await run('readwrite', (store) => store.delete(KEY));
}
