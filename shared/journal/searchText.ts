/**
 * FTS5's unicode61 tokenizer splits on spaces and punctuation, so a run of
 * Chinese characters becomes one token and "围墙" would never match inside
 * "北侧围墙有人翻越". Spacing every CJK character makes each one a token;
 * a query is spaced the same way and searched as a phrase, which matches the
 * characters in order and adjacent.
 */
const CJK = /([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\uac00-\ud7af])/g;

export function spaceCjk(text: string): string {
  return text.replace(CJK, ' $1 ').replace(/\s+/g, ' ').trim();
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
