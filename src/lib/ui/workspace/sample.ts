/** The fictional sample district, served from the app's own origin. */
import schoolsUrl from '../../../../sample-data/schools.csv?url';
import staffUrl from '../../../../sample-data/staff.csv?url';
import servicesUrl from '../../../../sample-data/services.csv?url';
import needsUrl from '../../../../sample-data/needs.csv?url';
import surveyUrl from '../../../../sample-data/survey-family-midyear.csv?url';
import type { StoredFile } from './storage';

export const SAMPLE_DISTRICT = 'Harbor City Public Schools (fictional)';

const SAMPLE_FILES: { kind: StoredFile['kind']; name: string; url: string }[] = [
  { kind: 'schools', name: 'schools.csv', url: schoolsUrl },
  { kind: 'staff', name: 'staff.csv', url: staffUrl },
  { kind: 'services', name: 'services.csv', url: servicesUrl },
  { kind: 'needs', name: 'needs.csv', url: needsUrl },
  { kind: 'survey', name: 'survey-family-midyear.csv', url: surveyUrl }
];

export async function fetchSample(): Promise<StoredFile[]> {
  return Promise.all(
    SAMPLE_FILES.map(async (f) => ({
      kind: f.kind,
      name: f.name,
      data: new Uint8Array(await (await fetch(f.url)).arrayBuffer()),
      ...(f.kind === 'survey' ? { template: 'family-midyear' } : {})
    }))
  );
}
