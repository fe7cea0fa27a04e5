/**
 * Text typed in the legacy Vietnamese encodings, recognised by its run's font, converted to
 * Unicode NFC. TCVN3 (ABC; fonts .VnTime, .VnArial …; the …H fonts such as .VnTimeH show the
 * same bytes as capitals) gives one byte per letter with its marks; VNI (fonts VNI-Times …)
 * types the base letter followed by a byte for its marks. Word stores such bytes as the
 * Latin-1 characters of the same code.
 */

/** TCVN3 lower-case letters by their byte; capitals Ă Â Ê Ô Ơ Ư Đ have bytes of their own. */
const TCVN3: Readonly<Record<number, string>> = {
  0xb5: 'à', 0xb6: 'ả', 0xb7: 'ã', 0xb8: 'á', 0xb9: 'ạ',
  0xa8: 'ă', 0xbb: 'ằ', 0xbc: 'ẳ', 0xbd: 'ẵ', 0xbe: 'ắ', 0xc6: 'ặ',
  0xa9: 'â', 0xc7: 'ầ', 0xc8: 'ẩ', 0xc9: 'ẫ', 0xca: 'ấ', 0xcb: 'ậ',
  0xae: 'đ',
  0xcc: 'è', 0xce: 'ẻ', 0xcf: 'ẽ', 0xd0: 'é', 0xd1: 'ẹ',
  0xaa: 'ê', 0xd2: 'ề', 0xd3: 'ể', 0xd4: 'ễ', 0xd5: 'ế', 0xd6: 'ệ',
  0xd7: 'ì', 0xd8: 'ỉ', 0xdc: 'ĩ', 0xdd: 'í', 0xde: 'ị',
  0xdf: 'ò', 0xe1: 'ỏ', 0xe2: 'õ', 0xe3: 'ó', 0xe4: 'ọ',
  0xab: 'ô', 0xe5: 'ồ', 0xe6: 'ổ', 0xe7: 'ỗ', 0xe8: 'ố', 0xe9: 'ộ',
  0xac: 'ơ', 0xea: 'ờ', 0xeb: 'ở', 0xec: 'ỡ', 0xed: 'ớ', 0xee: 'ợ',
  0xef: 'ù', 0xf1: 'ủ', 0xf2: 'ũ', 0xf3: 'ú', 0xf4: 'ụ',
  0xad: 'ư', 0xf5: 'ừ', 0xf6: 'ử', 0xf7: 'ữ', 0xf8: 'ứ', 0xf9: 'ự',
  0xfa: 'ỳ', 0xfb: 'ỷ', 0xfc: 'ỹ', 0xfd: 'ý', 0xfe: 'ỵ',
  0xa1: 'Ă', 0xa2: 'Â', 0xa3: 'Ê', 0xa4: 'Ô', 0xa5: 'Ơ', 0xa6: 'Ư', 0xa7: 'Đ',
};

/** VNI: the byte after a base letter and the combining marks it stands for. */
const VNI_MARKS: Readonly<Record<string, string>> = {
  'ù': '\u0301', 'ø': '\u0300', 'û': '\u0309', 'õ': '\u0303', 'ï': '\u0323',
  'â': '\u0302', 'á': '\u0302\u0301', 'à': '\u0302\u0300', 'å': '\u0302\u0309', 'ã': '\u0302\u0303', 'ä': '\u0302\u0323',
  'ê': '\u0306', 'é': '\u0306\u0301', 'è': '\u0306\u0300', 'ú': '\u0306\u0309', 'ü': '\u0306\u0303', 'ë': '\u0306\u0323',
};
/** VNI letters typed as one byte: ơ ư đ and the i with marks. */
const VNI_LETTERS: Readonly<Record<string, string>> = {
  'ô': 'ơ', 'ö': 'ư', 'ñ': 'đ', 'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ',
  'Ô': 'Ơ', 'Ö': 'Ư', 'Ñ': 'Đ', 'Í': 'Í', 'Ì': 'Ì', 'Æ': 'Ỉ', 'Ó': 'Ĩ', 'Ò': 'Ị', 'Î': 'Ỵ',
};

export type LegacyEncoding = 'tcvn3' | 'vni';

/** The legacy encoding a font name stands for, or undefined for a Unicode font. */
export function legacyEncodingOfFont(font: string | undefined): { encoding: LegacyEncoding; capitals: boolean } | undefined {
  if (!font) return undefined;
  const name = font.trim();
  if (/^\.Vn/i.test(name)) return { encoding: 'tcvn3', capitals: /H$/.test(name.replace(/\s+/g, '')) };
  if (/^VNI[- ]/i.test(name)) return { encoding: 'vni', capitals: false };
  return undefined;
}

export function decodeTcvn3(text: string, capitals = false): string {
  let out = '';
  for (const ch of text) {
    const mapped = TCVN3[ch.codePointAt(0)!];
    out += mapped ?? ch;
  }
  return (capitals ? out.toUpperCase() : out).normalize('NFC');
}

export function decodeVni(text: string): string {
  let out = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const base = VNI_LETTERS[chars[i]!] ?? chars[i]!;
    const next = chars[i + 1];
    const mark = next !== undefined && /^[aeiouyAEIOUYơưƠƯ]$/u.test(base) ? VNI_MARKS[next.toLowerCase()] : undefined;
    if (mark !== undefined) {
      out += base + mark;
      i++;
    } else out += base;
  }
  return out.normalize('NFC');
}

export function decodeLegacy(text: string, font: string | undefined): string {
  const legacy = legacyEncodingOfFont(font);
  if (!legacy) return text;
  return legacy.encoding === 'tcvn3' ? decodeTcvn3(text, legacy.capitals) : decodeVni(text);
}
