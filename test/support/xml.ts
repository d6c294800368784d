/**
 * A small, strict XML parser for checking SSML in tests: elements, attributes, text, comments and the
 * predefined and numeric entities. Anything not well-formed throws with the position.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

const namePattern = /^[A-Za-z_][\w.:-]*/;
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  return raw.replace(/&([^;\s&<]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new Error(`Unescaped & at ${at}`);
    if (ref in entities) return entities[ref];
    const numeric = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(ref);
    if (numeric) return String.fromCodePoint(numeric[1].startsWith('x') ? parseInt(numeric[1].slice(1), 16) : Number(numeric[1]));
    throw new Error(`Unknown entity &${ref}; at ${at}`);
  });
}

export function parseXml(source: string): XmlElement {
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`Malformed XML at ${pos}: ${what} in ${JSON.stringify(source.slice(Math.max(0, pos - 20), pos + 20))}`);
  };
  const skipSpace = () => {
    while (/\s/.test(source[pos] ?? '')) pos++;
  };
  const readName = (): string => {
    const match = namePattern.exec(source.slice(pos));
    if (!match) fail('expected a name');
    pos += match![0].length;
    return match![0];
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith('<?', pos)) {
        const end = source.indexOf('?>', pos);
        if (end < 0) fail('unterminated declaration');
        pos = end + 2;
      } else if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos);
        if (end < 0) fail('unterminated comment');
        pos = end + 3;
      } else return;
    }
  };

  const readElement = (): XmlElement => {
    if (source[pos] !== '<') fail('expected <');
    pos++;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (source.startsWith('/>', pos)) {
        pos += 2;
        return { name, attributes, children: [] };
      }
      if (source[pos] === '>') {
        pos++;
        break;
      }
      const attribute = readName();
      if (attribute in attributes) fail(`duplicate attribute ${attribute}`);
      skipSpace();
      if (source[pos] !== '=') fail('expected =');
      pos++;
      skipSpace();
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      const end = source.indexOf(quote, pos + 1);
      if (end < 0) fail('unterminated attribute value');
      const raw = source.slice(pos + 1, end);
      if (raw.includes('<')) fail('< in attribute value');
      attributes[attribute] = decode(raw, pos);
      pos = end + 1;
    }
    const children: (XmlElement | string)[] = [];
    for (;;) {
      if (pos >= source.length) fail(`unclosed <${name}>`);
      if (source.startsWith('</', pos)) {
        pos += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        skipSpace();
        if (source[pos] !== '>') fail('expected >');
        pos++;
        return { name, attributes, children };
      }
      if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos);
        if (end < 0) fail('unterminated comment');
        pos = end + 3;
      } else if (source[pos] === '<') {
        children.push(readElement());
      } else {
        const end = source.indexOf('<', pos);
        const raw = source.slice(pos, end < 0 ? source.length : end);
        children.push(decode(raw, pos));
        pos += raw.length;
      }
    }
  };

  skipMisc();
  const root = readElement();
  skipMisc();
  if (pos !== source.length) fail('content after the root element');
  return root;
}

/** All text inside an element, in document order. */
export function textOf(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string');
}
