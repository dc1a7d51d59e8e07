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
