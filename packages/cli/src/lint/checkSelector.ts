const ESCAPE = String.raw`\\(?:[0-9a-fA-F]{1,6}[ \t\n\r\f]?|[^\n0-9a-fA-F])`;
const IDENT = new RegExp(String.raw`^(?:--|-?(?:[A-Za-z_\u0080-\uffff]|${ESCAPE}))(?:[-\w\u0080-\uffff]|${ESCAPE})*`);
const NAMESPACE = /^(?:[-\w]+|\*)?\|(?!=)/;
const ATTRIBUTE = /^\s*(?:(?:[-\w]+|\*)?\|)?[-\w]+\s*(?:[~|^$*]?=\s*(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|-?[A-Za-z_][-\w]*|--[-\w]*)\s*(?:[iIsS]\s*)?)?$/;
const SELECTOR_ARGS = new Set(['is', 'not', 'where', 'matches', 'has', 'host', 'host-context', 'slotted']);

/**
 * A small CSS selector syntax check, at the tokenizer level: what `querySelector` would reject
 * outright. It checks balanced brackets, parentheses and quotes; that every compound selector has
 * something in it (no empty part around ',' or a combinator); combinators `>`, `+`, `~` between
 * compounds (a leading one only inside `:has()`); identifiers after `#`, `.` and `:`; attribute
 * selectors `[name]`, `[name=value]` with the `= ~= |= ^= $= *=` operators, an identifier or quoted
 * value and an `i`/`s` flag; and the arguments of `:is() :not() :where() :has()` as selector
 * lists. Limits: it does not know which pseudo-classes exist (`:hovr` passes), does not parse
 * `:nth-child()` expressions or other functional arguments beyond "not empty and balanced", and
 * accepts CSS escapes without decoding them. Returns what is wrong, or null when it parses.
 */
export function checkSelector(selector: string): string | null {
  let i = 0;
  const s = selector;
  const fail = (why: string): never => {
    throw new Error(why);
  };
  const ws = (): boolean => {
    const start = i;
    while (i < s.length && ' \t\n\r\f'.includes(s[i])) i++;
    return i > start;
  };
  const ident = (after: string): void => {
    const m = IDENT.exec(s.slice(i));
    if (!m) fail(`'${after}' must be followed by a name`);
    i += (m as RegExpExecArray)[0].length;
  };
  /** Index of the closer matching the opener at `i`, skipping quoted strings and nested pairs. */
  const closing = (open: string, close: string): number => {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      const c = s[j];
      if (c === '\\') j++;
      else if (c === '"' || c === "'") {
        const end = s.indexOf(c, j + 1);
        if (end < 0) fail(`a ${c === '"' ? 'double' : 'single'} quote is never closed`);
        j = end;
      } else if (c === open) depth++;
      else if (c === close && --depth === 0) return j;
    }
    return fail(`'${open}' is never closed`);
  };
  const compound = (): number => {
    let n = 0;
    for (;;) {
      if (n === 0 && NAMESPACE.test(s.slice(i))) i += (NAMESPACE.exec(s.slice(i)) as RegExpExecArray)[0].length;
      const c = s[i];
      if (n === 0 && c === '*') i++;
      else if (n === 0 && IDENT.test(s.slice(i))) ident('');
      else if (c === '#' || c === '.') i++, ident(c);
      else if (c === '[') {
        const end = closing('[', ']');
        if (!ATTRIBUTE.test(s.slice(i + 1, end))) fail(`'${s.slice(i, end + 1)}' is not an attribute selector like [name] or [name="value"]`);
        i = end + 1;
      } else if (c === ':') {
        i += s[i + 1] === ':' ? 2 : 1;
        const name = IDENT.exec(s.slice(i))?.[0].toLowerCase();
        ident(':');
        if (s[i] === '(') {
          const end = closing('(', ')');
          const inner = s.slice(i + 1, end);
          if (!inner.trim()) fail(`':${name}()' has nothing inside the parentheses`);
          if (name && SELECTOR_ARGS.has(name)) {
            const why = checkSelectorList(inner, name === 'has');
            if (why) fail(`inside ':${name}()': ${why}`);
          }
          i = end + 1;
        }
      } else if (c === ')' || c === ']') fail(`'${c}' has no matching opener`);
      else return n;
      n++;
    }
  };
  const complex = (): void => {
    ws();
    if (!compound()) {
      fail(i >= s.length || s[i] === ',' ? 'a part of the selector is empty'
        : '>+~'.includes(s[i]) ? `the combinator '${s[i]}' has nothing before it` : `unexpected '${s[i]}'`);
    }
    for (;;) {
      const spaced = ws();
      const c = s[i];
      if (c !== undefined && '>+~'.includes(c)) {
        i++;
        ws();
        if (!compound()) fail(`the combinator '${c}' has nothing after it`);
      } else if (spaced && c !== undefined && c !== ',') {
        if (!compound()) fail(`unexpected '${c}'`);
      } else return;
    }
  };
  if (!s.trim()) return 'the selector is empty';
  try {
    for (;;) {
      complex();
      if (i >= s.length) return null;
      if (s[i] !== ',') fail(`unexpected '${s[i]}'`);
      i++;
    }
  } catch (e) {
    return (e as Error).message;
  }
}

/** A selector list that may start each selector with a combinator (the argument of `:has()`). */
function checkSelectorList(text: string, relative: boolean): string | null {
  if (!relative) return checkSelector(text);
  // ":has(> a, + b)": drop each leading combinator, then check the plain list
  const plain = text.replace(/(^|,)\s*[>+~]/g, '$1');
  return checkSelector(plain);
}

/**
 * What `validate` rejects: a selector querySelector cannot read. Browsers close the brackets,
 * parentheses and quotes a selector leaves open at its end (CSS's end-of-input rule), so
 * `[data-tour=nav` finds `[data-tour=nav]`: those are closed here first, and only lint remarks on them.
 */
export function selectorProblem(selector: string): string | null {
  const open: string[] = [];
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    const top = open[open.length - 1];
    if (c === '\\') i++;
    else if (top === '"' || top === "'") {
      if (c === top) open.pop();
    } else if (c === '"' || c === "'") open.push(c);
    else if (c === '[') open.push(']');
    else if (c === '(') open.push(')');
    else if (c === top) open.pop();
  }
  return checkSelector(selector + open.reverse().join(''));
}
