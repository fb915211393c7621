import { describe, expect, it } from 'vitest';
import { tokenise } from './tokenise.js';

describe('tokenise', () => {
  it('masks links, @handles and stretched spellings', () => {
    expect(tokenise('@DB_Bahn Sooooo spät!!! https://t.co/ab12')).toEqual(['<user>', 'soo', 'spät', '!!!', '<url>']);
  });

  it('masks a link glued to the word before it, so its pieces are not read as words', () => {
    expect(tokenise('Taiwan debates gay marriagehttps://t.co/qSdK #LGBT')).toEqual(['taiwan', 'debates', 'gay', 'marriage', '<url>', '#lgbt']);
  });
});
