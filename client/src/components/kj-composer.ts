import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { MentionSuggest, mentionListStyles } from '../controllers/mention-suggest.js';
import type { PhotoDto, PostDto, PostKind, VideoDto } from '../../../shared/dto.js';
import { ApiError, api, errorText } from '../services/api.js';
import { uploadShuoshuoPhoto } from '../services/photos.js';
import { icon } from '../icons.js';
import { shared } from '../styles/shared.js';
import type { KjRichEditor } from './kj-rich-editor.js';
import type { KjAudiencePicker } from './kj-audience-picker.js';
import './kj-audience-picker.js';
import './kj-rich-editor.js';
import type { KjSchedulePicker } from './kj-schedule-picker.js';
import './kj-schedule-picker.js';
import { formatDateTime } from '../i18n/format.js';
import type { KjVideoAttach } from './kj-video-attach.js';
import './kj-video-attach.js';
import { limits } from '../../../shared/limits.js';
import { postKindName } from '../post-labels.js';
import { formText } from '../form-text.js';

const maxPhotos = limits.shuoshuoImages;
type Outcome = { readonly tone: 'ok' | 'warn' | 'error'; readonly text: string };

/**
 * Write a shuoshuo (short text with up to nine photos) or a diary (rich text), pick who sees it,
 * and learn plainly what moderation decided.
 * @fires post-created - detail `{ post }`, once the hub stored it (also when held or in review)
 */
@localized()
@customElement('kj-composer')
export class KjComposer extends LitElement {
  static override styles = [
    shared,
    mentionListStyles,
    css`
      .kinds { display: flex; gap: 4px; margin-bottom: 10px; }
      .kinds button[aria-pressed='true'] { background: var(--kj-accent-soft); border-color: var(--kj-accent); font-weight: 700; }
      .thumbs { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
      .thumb { position: relative; }
      .thumb img { width: 64px; height: 64px; object-fit: cover; border-radius: 8px; display: block; }
      .thumb button { position: absolute; top: -6px; right: -6px; min-height: 0; width: 22px; height: 22px; padding: 0; justify-content: center; font-size: 0.7rem; }
      .foot { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-top: 8px; }
      .foot select { width: auto; }
      .foot .grow { flex: 1; }
      .file-label { cursor: pointer; font-weight: 400; margin: 0; }
      input[type='file'] { position: absolute; opacity: 0; width: 1px; height: 1px; }
      input[type='file']:focus-visible + span { box-shadow: var(--kj-focus); }
      .outcome { margin: 8px 0 0; }
      .outcome.ok { background: #ebfbee; border-color: #b2f2bb; }
    `,
  ];

  @state() private kind: PostKind = 'shuoshuo';
  @state() private photos: PhotoDto[] = [];
  @state() private uploading = 0;
  /** v1.2: a shuoshuo carries photos or one video; `undefined` while a video uploads. */
  @state() private video: VideoDto | null | undefined = null;
  @query('kj-video-attach') private videoAttach?: KjVideoAttach;
  @state() private busy = false;
  @state() private outcome: Outcome | null = null;
  @query('kj-rich-editor') private editor?: KjRichEditor;
  @query('kj-audience-picker') private audiencePicker?: KjAudiencePicker;
  @query('#text') private textBox?: HTMLTextAreaElement;
  @query('kj-schedule-picker') private schedule?: KjSchedulePicker;
  /** Typing `@` suggests friends to mention. */
  private readonly mention = new MentionSuggest(this, () => this.textBox, 'composer-mention');

  override render() {
    const shuoshuo = this.kind === 'shuoshuo';
    const m = this.mention.boxAttributes();
    return html`<form class="card" @submit=${this.submit} aria-label=${msg('Write a post', { id: 'composer.label' })}>
      <div class="kinds" role="group" aria-label=${msg('Kind of post', { id: 'composer.kind' })}>
        <button type="button" aria-pressed=${shuoshuo ? 'true' : 'false'} @click=${() => (this.kind = 'shuoshuo')}>${icon('comment')} ${postKindName.shuoshuo()}</button>
        <button type="button" aria-pressed=${shuoshuo ? 'false' : 'true'} @click=${() => (this.kind = 'diary')}>${icon('book')} ${postKindName.diary()}</button>
      </div>
      ${
        shuoshuo
          ? html`<label class="sr-only" for="text">${msg("What's on your mind?", { id: 'composer.prompt' })}</label>
            <div class="mention-wrap">
              <textarea id="text" name="text" maxlength=${limits.shuoshuoChars} placeholder=${msg("What's on your mind?", { id: 'composer.prompt' })}
                aria-autocomplete="list" aria-controls=${m.controls} aria-activedescendant=${m.activedescendant}
                @input=${this.mention.onInput} @keydown=${this.mention.onKeydown} @blur=${this.mention.onBlur}></textarea>
              ${this.mention.listbox()}
            </div>
            ${this.thumbs()}`
          : html`<div class="field"><label for="title">${msg('Title', { id: 'field.title' })}</label><input id="title" name="title" maxlength=${limits.diaryTitleChars} /></div>
            <kj-rich-editor label=${msg('Diary text', { id: 'composer.diaryText' })}></kj-rich-editor>`
      }
      <div class="foot">
        ${
          shuoshuo
            ? html`<label class="file-label">
              <input type="file" accept="image/*" multiple @change=${this.pick} ?disabled=${this.photos.length >= maxPhotos || this.video !== null} />
              <span class="button">${icon('camera')} ${msg('Photos', { id: 'composer.photos' })} ${this.photos.length}/${maxPhotos}</span>
            </label>
            <kj-video-attach ?disabled=${this.photos.length > 0 || this.uploading > 0} @video-change=${(
              e: CustomEvent<{ video: VideoDto | null }>,
            ) => (this.video = e.detail.video ?? (this.videoAttach?.busy ? undefined : null))}></kj-video-attach>`
            : null
        }
        <span class="grow"></span>
        <kj-schedule-picker></kj-schedule-picker>
        <kj-audience-picker></kj-audience-picker>
        <button class="primary" type="submit" ?disabled=${this.busy || this.uploading > 0 || this.video === undefined}>${msg('Post', { id: 'composer.post' })}</button>
      </div>
      ${this.outcome ? html`<p class="notice outcome ${this.outcome.tone === 'error' ? 'error' : this.outcome.tone}" role="alert">${this.outcome.text}</p>` : null}
    </form>`;
  }

  private thumbs() {
    if (!this.photos.length && !this.uploading) return null;
    return html`<div class="thumbs">
      ${this.photos.map(
        (p) => html`<div class="thumb"><img src=${p.thumbUrl} alt=${msg('Attached photo', { id: 'composer.attached' })} />
          <button type="button" aria-label=${msg('Remove photo', { id: 'composer.removePhoto' })} @click=${() => (this.photos = this.photos.filter((q) => q !== p))}>✕</button></div>`,
      )}
      ${this.uploading ? html`<span class="muted" role="status">${msg(str`Uploading ${this.uploading}…`, { id: 'composer.uploading' })}</span>` : null}
    </div>`;
  }

  private async pick(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    // A pick that does not fit is refused whole, before anything is sent (not cut short in silence).
    const room = maxPhotos - this.photos.length;
    if (files.length > room) {
      this.outcome = {
        tone: 'error',
        text: msg(str`A shuoshuo holds at most ${maxPhotos} photos: you picked ${files.length}, and ${room} more fit.`, {
          id: 'composer.tooManyPhotos',
        }),
      };
      return;
    }
    this.outcome = null;
    this.uploading += files.length;
    for (const file of files) {
      try {
        const photo = await uploadShuoshuoPhoto(file);
        this.photos = [...this.photos, photo].slice(0, maxPhotos);
      } catch (err) {
        this.outcome = { tone: 'error', text: `${file.name}: ${errorText(err)}` };
      } finally {
        this.uploading -= 1;
      }
    }
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const audience = this.audiencePicker?.audience ?? { privacy: 'friends' as const };
    const body =
      this.kind === 'shuoshuo'
        ? {
            kind: this.kind,
            text: formText(data, 'text'),
            images: this.photos.map((p) => p.id),
            ...(this.kind === 'shuoshuo' && this.video ? { video: this.video.id } : {}),
            ...audience,
          }
        : { kind: 'diary' as const, title: formText(data, 'title'), text: this.editor?.value ?? '', ...audience };
    if (this.schedule?.missing) {
      this.outcome = { tone: 'error', text: msg('Pick when to publish it.', { id: 'schedule.missing' }) };
      return;
    }
    const publishAt = this.schedule?.publishAt;
    this.busy = true;
    this.outcome = null;
    try {
      const { status, body: res } = await api.send('POST /posts', { body: { ...body, ...(publishAt ? { publishAt } : {}) } });
      this.outcome = describe(status, res.post);
      form.reset();
      this.audiencePicker?.reset();
      this.editor?.clear();
      this.photos = [];
      this.schedule?.reset();
      this.video = null;
      this.videoAttach?.clear();
      this.dispatchEvent(new CustomEvent('post-created', { detail: { post: res.post }, bubbles: true, composed: true }));
    } catch (err) {
      const blocked = err instanceof ApiError && err.code === 'blocked';
      this.outcome = {
        tone: 'error',
        text: blocked
          ? msg('Not posted — blocked by moderation: it breaks the community rules.', { id: 'composer.blocked' })
          : errorText(err),
      };
    } finally {
      this.busy = false;
    }
  }
}

function describe(status: number, post: PostDto): Outcome {
  if (post.status === 'scheduled' && post.publishAt) {
    const when = formatDateTime(post.publishAt);
    return { tone: 'ok', text: msg(str`Scheduled for ${when}. Only you can see it until then.`, { id: 'schedule.done' }) };
  }
  if (status === 202 || post.status === 'held')
    return { tone: 'warn', text: msg('Held for review: only you can see it until a moderator approves it.', { id: 'composer.held' }) };
  if (post.status === 'review')
    return {
      tone: 'warn',
      text: msg('Posted — being previewed: only you can see it until a moderator approves it.', { id: 'composer.review' }),
    };
  return { tone: 'ok', text: msg('Posted!', { id: 'composer.posted' }) };
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-composer': KjComposer;
  }
}
