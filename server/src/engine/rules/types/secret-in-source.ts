// secret-in-source: a secret (consumer secret, private key, push credentials) carries a value.
import { fileRule } from '../define';
import { SEEN, QUOTE } from '../evidence';
import { localName, valueOf, valueSpan, type XmlElement } from '../../xml/scanner';
import { secretLabel } from '../../schema';

const PRIVATE_KEY_RE = /-----BEGIN (?:[A-Z ]+ )?PRIVATE KEY-----/;

export const secretInSource = fileRule({
  id: 'secret-in-source', severity: 'error', section: 3, scope: 'any ECA file',
  evidence: { platform: QUOTE.notInSourceControl, seen: SEEN.globalOauthPage },
  summary: 'A secret carries a value.',
  description: 'consumerSecret, a private key block or push credentials hold a value: secrets must never be committed. The message names the element, never the value.',
  check(ctx) {
    const root = ctx.file.xml.root;
    if (!root || !ctx.file.type) return;
    // Iterative walk, depth-capped: secrets sit at most three levels down.
    const stack: XmlElement[] = [...root.children];
    while (stack.length) {
      const el = stack.pop()!;
      if (el.depth < 4) stack.push(...el.children);
      const name = localName(el.name);
      const value = valueOf(el);
      if (!value || ctx.project?.isReplaced(value)) continue;
      const parent = el.parent ? localName(el.parent.name) : '';
      let what = secretLabel(name, parent);
      if (!what && PRIVATE_KEY_RE.test(value)) what = 'private key';
      if (name === 'password' && parent !== 'applePushConfig') what = what ?? 'password';
      if (!what) continue;
      const [s, e] = valueSpan(el);
      ctx.report({ start: s, end: e,
        message: `<${name}> holds a ${what}. Secrets must never be committed: remove the value, rotate the credential (it is exposed in git history), and supply it at deploy time instead.` });
    }
  },
});
