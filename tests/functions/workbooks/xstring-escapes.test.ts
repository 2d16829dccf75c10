import { unescapeXstring } from '../../../functions/src/workbooks/xlsx-xml';
import { decodeText } from '../../../functions/src/http/body-decoding';

describe('text as Office and Windows programs write it', () => {
  it('unescapes _xHHHH_ in cell text as ECMA-376 ST_Xstring says, a literal _x included', () => {
    expect(unescapeXstring('A_x005F_x0041_B')).toBe('A_x0041_B');
    expect(unescapeXstring('Tab_x0009_här')).toBe('Tab\thär');
    expect(unescapeXstring('Null_x0000_here')).toBe('Null\u0000here');
    expect(unescapeXstring('inget_x_här')).toBe('inget_x_här');
  });

  it('reads iso-8859-1 and us-ascii labels as windows-1252, as browsers do (WHATWG Encoding)', () => {
    const bytes = Buffer.from([0x80, 0x20, 0x96, 0x20, 0x93, 0x45, 0x94, 0x20, 0xe5, 0xe4, 0xf6]);
    expect(decodeText(bytes, 'application/json; charset=iso-8859-1')).toBe('€ – “E” åäö');
    expect(decodeText(bytes, 'application/json; charset=windows-1252')).toBe('€ – “E” åäö');
  });
});
