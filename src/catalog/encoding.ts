/**
 * Text encodings of data files, detected and named (pure). UTF-8 with or without a byte-order
 * mark is read as is; UTF-16 (with a BOM, or without one but with the tell-tale zero bytes of
 * ASCII text) is converted; bytes that are not valid UTF-8 are read as Windows-1252 — the
 * Latin-1 superset spreadsheets on Windows write — instead of turning "François" into
 * "Fran�ois". Every conversion is named in a warning, so the file can be fixed at the source.
 */

export type DataEncoding = 'utf-8' | 'utf-8 with BOM' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: DataEncoding;
  /** Set when the file was not plain UTF-8: what was done, for a warning. */
  note?: string;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Share of zero bytes at even (big-endian) or odd (little-endian) offsets that says UTF-16. */
const UTF16_ZERO_SHARE = 0.3;
/** Bytes looked at to guess UTF-16 without a BOM. */
const SNIFF_BYTES = 4096;

function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), SNIFF_BYTES);
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const pairs = n / 2;
  if (oddZeros / pairs > UTF16_ZERO_SHARE && evenZeros / pairs < 0.05) return 'utf-16le';
  if (evenZeros / pairs > UTF16_ZERO_SHARE && oddZeros / pairs < 0.05) return 'utf-16be';
  return undefined;
}

/** Decodes a data file's bytes, naming the encoding found (see the module comment). */
export function decodeDataFile(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8 with BOM' };
  }
  const bom16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : undefined;
  const utf16 = bom16 ?? guessUtf16(bytes);
  if (utf16 !== undefined) {
    const text = new TextDecoder(utf16).decode(bytes.subarray(bom16 === undefined ? 0 : 2));
    const how = bom16 === undefined ? 'without a byte-order mark' : 'with a byte-order mark';
    return {
      text,
      encoding: utf16,
      note: `encoded as ${utf16.toUpperCase()} (${how}), converted; save it as UTF-8`,
    };
  }
  try {
    return { text: fatalUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      encoding: 'windows-1252',
      note: 'not valid UTF-8; read as Windows-1252 (Latin-1), check accented names; save it as UTF-8',
    };
  }
}
