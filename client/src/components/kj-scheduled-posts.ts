import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { PostDto } from '../../../shared/dto.js';
import { limits } from '../../../shared/limits.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { LiveEvents } from '../controllers/live-events.js';
import { formatDateTime } from '../i18n/format.js';
import { api, errorText } from '../services/api.js';
import { shared } from '../styles/shared.js';
import { fromLocalInput, scheduleBounds, toLocalInput } from './kj-schedule-picker.js';
import { errorNotice } from '../error-notice.js';
import { formText } from '../form-text.js';

/**
 * My scheduled posts (定时发表), soonest first: when each goes out, what it says, and a way to change
 * its text or time or cancel it. A post leaves the list live when it is published (its `feed:post`
 * reaches its author) or removed. Shows nothing while none is waiting.
 */
@localized()
@customElement('kj-scheduled-posts')
export class KjScheduledPosts extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      h2 { margin: 0 0 8px; font-size: 1rem; }
      ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
      li { border-top: 1px solid var(--kj-border, #e9ecef); padding-top: 8px; }
      li:first-child { border-top: none; padding-top: 0; }
      .when { font-weight: 700; }
      .text { margin: 4px 0; overflow-wrap: anywhere; white-space: pre-wrap; }
      .actions { display: flex; gap: 6px; flex-wrap: wrap; }
      form { display: flex; flex-direction: column; gap: 6px; }
      input[type='datetime-local'] { width: auto; max-width: 100%; }
    `,
  ];

  @state() private posts: PostDto[] = [];
  @state() private editing: string | null = null;
  @state() private error = '';
  private readonly loads = new FetchScope(this, { read: () => this.load(), catchUp: true });

  constructor() {
    super();
    new LiveEvents(this).on('feed:post', ({ post }) => this.drop(post.id)).on('feed:remove', ({ postId }) => this.drop(postId));
  }

  /** A post just scheduled from the composer. */
  add(post: PostDto): void {
    this.posts = [...this.posts.filter((p) => p.id !== post.id), post].sort((a, b) => (a.publishAt ?? '').localeCompare(b.publishAt ?? ''));
  }

  private drop(id: string): void {
    if (this.posts.some((p) => p.id === id)) this.posts = this.posts.filter((p) => p.id !== id);
  }

  private async load(): Promise<void> {
    await this.loads.load(
      async (signal) => {
        this.posts = (await api.call('GET /posts/scheduled', { signal })).posts;
      },
      (message) => (this.error = message),
    );
  }

  override render() {
    if (!this.posts.length) return errorNotice(this.error);
    return html`<section class="card" aria-labelledby="scheduled-title">
      <h2 id="scheduled-title">${msg(str`Scheduled posts (${this.posts.length})`, { id: 'schedule.listTitle' })}</h2>
      ${errorNotice(this.error)}
      <ul>
        ${repeat(
          this.posts,
          (p) => p.id,
          (p) => (this.editing === p.id ? this.editForm(p) : this.item(p)),
        )}
      </ul>
    </section>`;
  }

  private item(p: PostDto) {
    const when = formatDateTime(p.publishAt ?? p.createdAt);
    return html`<li data-post-id=${p.id}>
      <div class="when">${msg(str`Goes out ${when}`, { id: 'schedule.when' })}</div>
      <p class="text">${p.kind === 'diary' ? p.title : p.text}</p>
      <div class="actions">
        <button type="button" @click=${() => (this.editing = p.id)}>${msg('Edit', { id: 'schedule.edit' })}</button>
        <button type="button" @click=${() => void this.cancel(p)}>${msg('Cancel post', { id: 'schedule.cancel' })}</button>
      </div>
    </li>`;
  }

  private editForm(p: PostDto) {
    const { min, max } = scheduleBounds();
    const diary = p.kind === 'diary';
    return html`<li data-post-id=${p.id}>
      <form @submit=${(e: SubmitEvent) => void this.save(e, p)}>
        <label for="edit-text">${diary ? msg('Title', { id: 'field.title' }) : msg('Text', { id: 'schedule.text' })}</label>
        ${
          diary
            ? html`<input id="edit-text" name="text" maxlength=${limits.diaryTitleChars} .value=${p.title ?? ''} required />`
            : html`<textarea id="edit-text" name="text" maxlength=${limits.shuoshuoChars} .value=${p.text} required></textarea>`
        }
        <label for="edit-at">${msg('Publish at', { id: 'schedule.at' })}</label>
        <input id="edit-at" name="at" type="datetime-local" min=${min} max=${max} .value=${toLocalInput(new Date(p.publishAt ?? Date.now()))} required />
        <div class="actions">
          <button class="primary" type="submit">${msg('Save', { id: 'schedule.save' })}</button>
          <button type="button" @click=${() => (this.editing = null)}>${msg('Back', { id: 'schedule.back' })}</button>
        </div>
      </form>
    </li>`;
  }

  private async save(e: SubmitEvent, p: PostDto): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const text = formText(data, 'text');
    const publishAt = fromLocalInput(formText(data, 'at'));
    const body = { ...(p.kind === 'diary' ? { title: text } : { text }), ...(publishAt ? { publishAt } : {}) };
    try {
      const { post } = await api.call('PATCH /posts/:id/schedule', { params: { id: p.id }, body });
      this.error = '';
      this.editing = null;
      this.add(post);
    } catch (err) {
      this.error = errorText(err);
    }
  }

  private async cancel(p: PostDto): Promise<void> {
    try {
      await api.call('DELETE /posts/:id', { params: { id: p.id } });
      this.error = '';
      this.drop(p.id);
    } catch (err) {
      this.error = errorText(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-scheduled-posts': KjScheduledPosts;
  }
}
