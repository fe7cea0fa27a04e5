/**
 * A DOCX part parsed into a small element tree by a real XML parser (saxes), namespace prefixes
 * kept as written ("w:p"). A DOCTYPE is refused: Office parts never have one, and entity
 * declarations are the door to entity-expansion attacks.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlProblem extends Error {}

export function parseXml(text: string, part: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const root: XmlElement = { name: '#root', attributes: {}, children: [] };
  const stack: XmlElement[] = [root];
  let failure: string | undefined;
  parser.on('doctype', () => {
    failure ??= `${part} có khai báo DOCTYPE (không được phép trong tệp Word)`;
  });
  parser.on('error', (error) => {
    failure ??= `${part} không phải XML hợp lệ: ${error.message}`;
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [] };
    stack[stack.length - 1]!.children.push(element);
    if (!tag.isSelfClosing) stack.push(element);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.on('text', (text) => stack[stack.length - 1]!.children.push(text));
  parser.on('cdata', (text) => stack[stack.length - 1]!.children.push(text));
  try {
    parser.write(text).close();
  } catch (error) {
    failure ??= `${part} không phải XML hợp lệ: ${(error as Error).message}`;
  }
  if (failure) throw new XmlProblem(failure);
  const top = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!top) throw new XmlProblem(`${part} rỗng`);
  return top;
}

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!element) return undefined;
  return element.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** `w:val` (or another attribute) of a child element. */
export function childVal(element: XmlElement | undefined, name: string, attribute = 'w:val'): string | undefined {
  return child(element, name)?.attributes[attribute];
}

/** Every descendant named `name`, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(element);
  return out;
}

/** A boolean toggle property (w:b, w:i): present and not "0"/"false"/"off". */
export function toggle(properties: XmlElement | undefined, name: string): boolean | undefined {
  const e = child(properties, name);
  if (!e) return undefined;
  const v = e.attributes['w:val'];
  return !(v === '0' || v === 'false' || v === 'off');
}
