/**
 * The text of a roster CSV as a spreadsheet saved it. Excel on Chinese
 * Windows saves "CSV" in the ANSI code page (GBK, which GB18030 extends),
 * elsewhere UTF-8 with or without a byte-order mark, and "Unicode text" as
 * UTF-16. A file that is not valid UTF-8 is read as GB18030 and the
 * operator told so: never mojibake ("����") imported as names.
 */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodedCsv = { readonly ok: true; readonly text: string; readonly encoding: CsvEncoding } | { readonly ok: false; readonly message: string };

function decode(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) {
    const text = decode('utf-8', bytes.subarray(3));
    return text === undefined ? { ok: false, message: 'the file starts as UTF-8 but is not valid UTF-8' } : { ok: true, text, encoding: 'utf-8-bom' };
  }
  if (a === 0xff && b === 0xfe) {
    const text = decode('utf-16le', bytes.subarray(2));
    return text === undefined ? { ok: false, message: 'the file starts as UTF-16 but is not valid UTF-16' } : { ok: true, text, encoding: 'utf-16le' };
  }
  if (a === 0xfe && b === 0xff) {
    const text = decode('utf-16be', bytes.subarray(2));
    return text === undefined ? { ok: false, message: 'the file starts as UTF-16 but is not valid UTF-16' } : { ok: true, text, encoding: 'utf-16be' };
  }
  const utf8 = decode('utf-8', bytes);
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'utf-8' };
  const gb = decode('gb18030', bytes);
  if (gb !== undefined) return { ok: true, text: gb, encoding: 'gb18030' };
  return { ok: false, message: 'the file is neither UTF-8 nor GB18030/GBK text: save it from the spreadsheet as "CSV UTF-8"' };
}
