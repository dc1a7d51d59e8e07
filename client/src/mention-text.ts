/**
 * Text with its `@handle` mentions linked to their spaces. Lit escapes every run, so nothing in the
 * text becomes markup; a handle becomes a link only if the hub listed its user in `mentions` (users
 * this reader may see) — or, where the item carries no list, whenever it has a handle's shape.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { UserDto } from '../../shared/dto.js';
import { mentionParts } from '../../shared/mentions.js';

export function mentionText(text: string, mentions?: readonly UserDto[]): Array<TemplateResult | string> {
  const known = mentions ? new Map(mentions.map((u) => [u.handle.toLowerCase(), u])) : null;
  return mentionParts(text).map((part) => {
    if (!('handle' in part) || (known && !known.has(part.handle))) return part.text;
    const user = known?.get(part.handle);
    return html`<a class="mention" href=${`/space/${encodeURIComponent(part.handle)}`} title=${user?.displayName ?? nothing}>${part.text}</a>`;
  });
}

/**
 * A diary body (HTML the hub sanitised) with its mentions linked the same way. The text nodes are
 * split and the links made with DOM calls, so nothing is parsed from the text itself; mentions already
 * inside a link are left alone.
 */
export function linkMentionsInHtml(body: string, mentions?: readonly UserDto[]): string {
  if (!body.includes('@')) return body;
  const known = mentions ? new Set(mentions.map((u) => u.handle.toLowerCase())) : null;
  const template = document.createElement('template');
  template.innerHTML = body;
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement?.closest('a')) texts.push(n as Text);
  for (const node of texts) {
    const parts = mentionParts(node.data);
    if (!parts.some((p) => 'handle' in p && (!known || known.has(p.handle)))) continue;
    const replacement = parts.map((part) => {
      if (!('handle' in part) || (known && !known.has(part.handle))) return document.createTextNode(part.text);
      const a = document.createElement('a');
      a.className = 'mention';
      a.href = `/space/${encodeURIComponent(part.handle)}`;
      a.textContent = part.text;
      return a;
    });
    node.replaceWith(...replacement);
  }
  return template.innerHTML;
}
