/** Ways a real district file goes wrong, for property tests of the importer and the command line. */
import fc from 'fast-check';

export const VALID: Record<'schools' | 'staff' | 'services', string> = {
  schools: 'school_id,school_name,enrollment,level,latitude,longitude\r\nA,"Alder, Elementary",400,elementary,41.3,-72.9\r\nB,Birch Middle,"1,200",middle,41.31,-72.91\r\n',
  staff: 'school_id,role,fte\nA,psych,0.5\nB,counselor,2\n',
  services: 'school_id,provider,provider_type,service,tier,capacity,agreement\nA,Bay Clinic,community,Individual counseling,Tier 3,10,yes\n*,District team,school,crisis intervention,3,60,no\n'
};

const encoder = new TextEncoder();

/** Each a function of the valid text (and some random input) giving the bytes of a broken file. */
export const mutation = fc.oneof(
  fc.nat().map((n) => (t: string) => encoder.encode(t).slice(0, n % (t.length + 1))),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, junk]) => (t: string) => {
    const bytes = encoder.encode(t);
    const cut = at % (bytes.length + 1);
    return new Uint8Array([...bytes.slice(0, cut), ...junk, ...bytes.slice(cut)]);
  }),
  fc.constantFrom(
    (t: string) => Uint8Array.from([...t].map((c) => (c === ',' ? 0x2c : c.charCodeAt(0) & 0xff)).concat([0x4a, 0xe9])),
    (t: string) => new Uint8Array([0xff, 0xfe, ...[...t].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]),
    (t: string) => encoder.encode(t.split(/\r?\n/)[0] + '\n'),
    () => new Uint8Array(),
    (t: string) => encoder.encode(t.replace(/\n/, `,${t.split(/\r?\n/)[0]}\n`)),
    (t: string) => encoder.encode(t.replace(/\n(.)/, `\n${'x'.repeat(1_000_000)}$1`)),
    (t: string) => encoder.encode(t.split(/\r?\n/)[0] + ',' + Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',') + '\n'),
    () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]),
    () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    (t: string) => encoder.encode(t.replace(/Alder|Birch Middle|Bay Clinic/g, '=HYPERLINK("http://x")')),
    (t: string) => encoder.encode(t.replace(/Alder|Birch Middle|Bay Clinic/g, '<img src=x onerror=alert(1)>'))
  )
);

