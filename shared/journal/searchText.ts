/**
 * FTS5's unicode61 tokenizer splits on spaces and punctuation, so a run of
 * Chinese characters becomes one token and "围墙" would never match inside
 * "北侧围墙有人翻越". Spacing every CJK character makes each one a token;
 * a query is spaced the same way and searched as a phrase, which matches the
 * characters in order and adjacent.
 */
export function spaceCjk(text: string): string {
  // One pass (the writer runs this for every entry): a space on each side of every CJK character, runs of spaces collapsed.
  let out = '';
  let pendingSpace = false;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (isSpace(code)) {
      pendingSpace = out !== '';
      continue;
    }
    const cjk = isCjk(code);
    if ((pendingSpace || cjk) && out !== '' && !out.endsWith(' ')) out += ' ';
    out += ch;
    pendingSpace = cjk;
  }
  return out;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x3000 || code === 0x2028 || code === 0x2029;
}

function isCjk(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff66 && code <= 0xff9f) ||
    (code >= 0xac00 && code <= 0xd7af)
  );
}

/**
 * An FTS5 MATCH expression for what an operator typed: every word must
 * appear (AND); each word is a quoted phrase, so FTS syntax characters in the
 * input are taken literally.
 */
export function ftsQuery(input: string): string | undefined {
  const words = input
    .split(/\s+/)
    .map((w) => spaceCjk(w).replace(/"/g, '""'))
    .filter((w) => w.length > 0);
  if (words.length === 0) return undefined;
  return words.map((w) => `"${w}"`).join(' AND ');
}
