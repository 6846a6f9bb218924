/**
 * Finds where a JSON text first goes wrong, as line and column, so a site
 * file error can point an editor at it. V8's own messages only sometimes
 * carry a position. Runs only after JSON.parse has already failed.
 */
export function locateJsonError(text: string): { line: number; column: number; expected: string } {
  let i = 0;
  const fail = (expected: string): never => {
    throw Object.assign(new Error(expected), { at: i, expected });
  };
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i] ?? '')) i++;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('a value (object, array, string, number, true, false or null)');
  };
  const string = (): void => {
    if (text[i] !== '"') fail('a string in double quotes');
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') i += 2;
      else if (c !== undefined && c < ' ') fail('a closing quote (strings cannot span lines)');
      else i++;
    }
    fail('a closing quote');
  };
  const number = (): void => {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (!match || match[0] === '' || match[0] === '-') fail('a number');
    i += match?.[0].length ?? 0;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail('":" after a property name');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail('"," or "]"');
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail('a value (object, array, string, number, true, false or null)');
  };
  try {
    value();
    ws();
    if (i < text.length) fail('the end of the file');
    return { ...position(text, text.length), expected: 'valid JSON' };
  } catch (err) {
    const at = (err as { at?: number }).at ?? i;
    return { ...position(text, at), expected: (err as { expected?: string }).expected ?? 'valid JSON' };
  }
}

function position(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}
