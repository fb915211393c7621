import { describe, expect, it } from 'vitest';
import { auditCsvRow, csvField } from './audit-format.js';

describe('audit CSV', () => {
  it('quotes separators and quotes, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(null)).toBe('');
  });

  it('writes one line per entry with the metadata as JSON', () => {
    const row = auditCsvRow({ id: '7', createdAt: '2026-01-02T03:04:05.000Z', actorType: 'user', actorId: null, action: 'contact.erased', targetType: 'contact', targetId: 'c1', metadata: { messages: 2 } });
    expect(row).toBe('7,2026-01-02T03:04:05.000Z,user,,contact.erased,contact,c1,"{""messages"":2}"\r\n');
  });
});
