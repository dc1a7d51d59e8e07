/**
 * Text with its `@handle` mentions linked to their spaces and its web addresses clickable. Lit escapes
 * every run, so nothing in the text becomes markup; a handle becomes a link only if the hub listed its
 * user in `mentions` (users this reader may see), shown by display name ("@小明", the handle in its
 * title) — or, where the item carries no list, whenever it has a handle's shape. Only http(s)
 * addresses become links, opened apart from this page (`rel="noopener nofollow ugc"`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { UserDto } from '../../shared/dto.js';
import { mentionParts } from '../../shared/mentions.js';
import { webAddresses } from '../../shared/links.js';

/** `text` with its web addresses as links (only ones that parse as http or https). */
export function linkedText(text: string): Array<TemplateResult | string> {
  const out: Array<TemplateResult | string> = [];
  let at = 0;
  for (const { index, raw, href } of webAddresses(text)) {
    if (index > at) out.push(text.slice(at, index));
    out.push(html`<a class="web" href=${href} rel="noopener nofollow ugc" target="_blank">${raw}</a>`);
    at = index + raw.length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function mentionText(text: string, mentions?: readonly UserDto[]): Array<TemplateResult | string> {
  const known = mentions ? new Map(mentions.map((u) => [u.handle.toLowerCase(), u])) : null;
  return mentionParts(text).flatMap((part) => {
    if (!('handle' in part) || (known && !known.has(part.handle))) return linkedText(part.text);
    const user = known?.get(part.handle);
    return html`<a class="mention" href=${`/space/${encodeURIComponent(part.handle)}`} title=${user ? `@${user.handle}` : nothing}
      >${user ? `@${user.displayName}` : part.text}</a>`;
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
      const user = mentions?.find((u) => u.handle.toLowerCase() === part.handle);
      a.className = 'mention';
      a.href = `/space/${encodeURIComponent(part.handle)}`;
      a.textContent = user ? `@${user.displayName}` : part.text;
      if (user) a.title = `@${user.handle}`;
      return a;
    });
    node.replaceWith(...replacement);
  }
  return template.innerHTML;
}
