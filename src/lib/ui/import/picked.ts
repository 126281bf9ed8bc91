import type { Inspection, InputKind } from '$lib/core/import/inspect';

/** A file the user dropped, with how Continuum proposes to read it and the user's corrections. */
export interface PickedFile {
  file: File;
  data: Uint8Array | Blob;
  inspection: Inspection;
  kind: InputKind | 'skip';
  mapping: Record<string, string>;
  wave: string;
}
