import { describe, expect, it } from 'vitest';
import { contentDisposition, safeContentType, safeFilename } from './attachment-file.js';

describe('attachment file names', () => {
  it('drops folders, control characters and quotes a sender put into the name', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\x\\Rechnung.pdf')).toBe('Rechnung.pdf');
    expect(safeFilename('a\r\nX-Evil: 1"b.txt')).toBe('aX-Evil: 1b.txt');
    expect(safeFilename('.htaccess')).toBe('htaccess');
  });

  it('names nameless files and shortens long names but keeps the extension', () => {
    expect(safeFilename(null)).toBe('attachment');
    expect(safeFilename(' .. ')).toBe('attachment');
    const long = safeFilename(`${'x'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('keeps a plain content type and replaces invented ones', () => {
    expect(safeContentType('Image/PNG; name="a.png"')).toBe('image/png');
    expect(safeContentType('text/html\r\nX-Evil: 1')).toBe('application/octet-stream');
    expect(safeContentType('')).toBe('application/octet-stream');
  });

  it('offers the exact UTF-8 name with an ASCII fallback', () => {
    expect(contentDisposition('Größe "1".pdf')).toBe(`attachment; filename="Gr__e 1.pdf"; filename*=UTF-8''Gr%C3%B6%C3%9Fe%201.pdf`);
    expect(contentDisposition("it's (1).txt")).toBe(`attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`);
  });
});
