/** Where a JSON text first goes wrong: 1-based line and column, and what was expected. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  reason: string;
}

/**
 * Finds the first syntax error of a JSON text (RFC 8259), for messages with line:column.
 * Node's JSON.parse messages do not always carry a position, so this scans the text itself.
 * Returns null when the text is valid JSON.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (reason: string, at = i): never => {
    throw Object.assign(new Error(reason), { at });
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const got = () => (i >= text.length ? 'the end of the file' : `'${text[i]}'`);
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('a control character (such as a line break) inside a string; close the string with "');
      if (text[i] === '\\') {
        const e = text[i + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(`an invalid escape '\\${e ?? ''}' in a string`);
      } else i++;
    }
    if (i >= text.length) fail('a string that is never closed');
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') return container('}', true);
    if (c === '[') return container(']', false);
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m || /[\w.]/.test(text[i + m[0].length] ?? '')) fail(`a value was expected, got ${got()}`);
    i += (m as RegExpExecArray)[0].length;
  };
  const container = (close: string, object: boolean): void => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      if (object) {
        ws();
        if (text[i] !== '"') fail(`a property name in double quotes was expected, got ${got()}`);
        string();
        ws();
        if (text[i] !== ':') fail(`':' was expected after the property name, got ${got()}`);
        i++;
      }
      value();
      ws();
      if (text[i] === ',') {
        const comma = i++;
        ws();
        if (text[i] === close) fail(`a trailing comma before '${close}'; remove it`, comma);
        continue;
      }
      if (text[i] === close) return void i++;
      fail(`',' or '${close}' was expected, got ${got()}`);
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${got()} after the end of the JSON value`);
    return null;
  } catch (e) {
    const { message, at } = e as Error & { at: number };
    return { ...lineColumn(text, at), reason: message };
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
