// The flip of an ECA header to `<distributionState>Packaged</distributionState>`, as a text edit
// (the VS Code command applies it through a WorkspaceEdit, so it can be undone).

export interface TextEditSpec {
  /** Offsets into the original text. */
  start: number;
  end: number;
  newText: string;
}

const STATE_RE = /<distributionState>\s*([^<]*?)\s*<\/distributionState>/;

/** The current distributionState of an ECA header, or undefined when the element is missing. */
export function distributionState(text: string): string | undefined {
  return STATE_RE.exec(text)?.[1];
}

/**
 * The edit that makes the header Packaged; undefined when it already is, or when the text is not
 * an ExternalClientApplication. A missing element is inserted in alphabetical position (the
 * order Salesforce writes the fields in), with the indentation of its neighbours.
 */
export function packagedEdit(text: string): TextEditSpec | undefined {
  const m = STATE_RE.exec(text);
  if (m) {
    if (m[1] === 'Packaged') return undefined;
    const valueStart = m.index + m[0].indexOf('>') + 1;
    const valueEnd = m.index + m[0].lastIndexOf('</');
    return { start: valueStart, end: valueEnd, newText: 'Packaged' };
  }
  const open = /<ExternalClientApplication\b[^>]*>/.exec(text);
  const close = text.lastIndexOf('</ExternalClientApplication>');
  if (!open || close === -1) return undefined;
  const bodyStart = open.index + open[0].length;
  const childRe = /\n([ \t]*)<([A-Za-z][A-Za-z0-9]*)\b/g;
  childRe.lastIndex = bodyStart;
  let indent = '    ';
  for (let c = childRe.exec(text); c && c.index < close; c = childRe.exec(text)) {
    indent = c[1];
    if (c[2] > 'distributionState') {
      const at = c.index + 1;
      return { start: at, end: at, newText: `${indent}<distributionState>Packaged</distributionState>\n` };
    }
  }
  const lineStart = text.lastIndexOf('\n', close - 1) + 1;
  const beforeClose = text.slice(lineStart, close);
  if (/^[ \t]*$/.test(beforeClose)) {
    return { start: lineStart, end: lineStart, newText: `${indent}<distributionState>Packaged</distributionState>\n` };
  }
  return { start: close, end: close, newText: `<distributionState>Packaged</distributionState>` };
}
