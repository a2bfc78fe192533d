import type { ParsedFile } from '../document';
import { TYPE_BY_NAME, type FieldInfo, type TypeInfo } from '../schema';
import { localName, type XmlElement } from '../xml/scanner';

/** The schema type describing an element's children (the file type for the root, complex types below). */
export function typeOfElement(file: ParsedFile, el: XmlElement | null): TypeInfo | undefined {
  if (!el) return undefined;
  const chain: XmlElement[] = [];
  for (let e: XmlElement | null = el; e; e = e.parent) chain.unshift(e);
  let type = file.rootType ?? file.type;
  if (!type) return undefined;
  for (const e of chain.slice(1)) {
    const f = type.fieldMap.get(localName(e.name));
    if (!f || f.kind !== 'complex' || !f.complexType) return undefined;
    type = TYPE_BY_NAME.get(f.complexType);
    if (!type) return undefined;
  }
  return type;
}

/** The schema field an element stands for, with the type that declares it. */
export function fieldOfElement(file: ParsedFile, el: XmlElement): { type: TypeInfo; field: FieldInfo } | undefined {
  const owner = typeOfElement(file, el.parent);
  const field = owner?.fieldMap.get(localName(el.name));
  return owner && field ? { type: owner, field } : undefined;
}
