import { localized, msg } from '@lit/localize';
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PostDto, SpaceDto, SpaceModule } from '../../../shared/dto.js';
import { defaultTheme } from '../../../shared/space-defaults.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { SessionController } from '../controllers/session-controller.js';
import { ActionStatus } from '../controllers/action-status.js';
import { api } from '../services/api.js';
import { router } from '../services/router.js';
import { session } from '../services/session.js';
import { readSpace } from '../services/spaces.js';
import { toasts } from '../services/toasts.js';
import { shared } from '../styles/shared.js';
import './kj-account-security.js';
import './kj-attention-settings.js';
import './kj-blocked-list.js';
import './kj-circles-settings.js';
import './kj-groups-settings.js';
import './kj-locale-switch.js';
import './kj-profile-form.js';
import './kj-module-editor.js';
import './kj-space-view.js';
import './kj-theme-form.js';
import type { LookDraft } from './kj-theme-form.js';

/** `/settings`: decorate your space with a live preview, and your account. */
@localized()
@customElement('kj-settings-page')
export class KjSettingsPage extends LitElement {
  static override styles = [
    shared,
    css`
      .layout { display: grid; grid-template-columns: 360px minmax(0, 1fr); gap: 20px; align-items: start; }
      .editor { position: sticky; top: 12px; max-height: calc(100vh - 24px); overflow: auto; }
      .preview { border: 2px dashed var(--kj-line); border-radius: 18px; padding: 6px; }
      .preview-label { margin: 0 0 6px 6px; }
      /* Save stays in reach however long the editor is: pinned to the bottom of the scrolling editor (or the window). */
      .actions { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 12px; position: sticky; bottom: 0; z-index: 1; padding: 10px 0; background: var(--kj-panel); border-top: 1px solid var(--kj-line); }
      h1 { margin: 0 0 10px; font-size: 1.25rem; }
      /* One column: the page scrolls, not the editor (a scrolling editor would hold the sticky Save inside it, off screen). */
      @media (max-width: 900px) { .layout { grid-template-columns: 1fr; } .editor { position: static; max-height: none; overflow: visible; } }
    `,
  ];

  @state() private saved: SpaceDto | null = null;
  @state() private draft: SpaceDto | null = null;
  private readonly action = new ActionStatus(this);
  @state() private publicPosts: PostDto[] = [];
  private readonly session = new SessionController(this);
  private readonly loads = new FetchScope(this, { read: () => this.load() });

  override render() {
    // Signing out re-renders this once more before the shell drops it: draw nothing rather than throw.
    const me = this.session.me;
    if (!me) return null;
    const draft = this.draft;
    const dirty = JSON.stringify(draft) !== JSON.stringify(this.saved);
    return html`<div class="layout">
      <div class="editor">
        <section class="card" aria-labelledby="deco">
          <h1 id="deco">${msg('Decorate my space', { id: 'settings.decorate' })}</h1>
          ${
            draft
              ? html`<kj-theme-form .value=${{ title: draft.title, theme: draft.theme, music: draft.music }} @look-change=${this.onLook}></kj-theme-form>
                <kj-module-editor .modules=${draft.modules} @modules-change=${this.onModules}></kj-module-editor>
                <div class="actions">
                  <button class="primary" ?disabled=${this.action.busy || !dirty} @click=${this.save}>${msg('Save changes', { id: 'settings.save' })}</button>
                  <button ?disabled=${!dirty} @click=${() => (this.draft = this.saved)}>${msg('Discard', { id: 'settings.discard' })}</button>
                  <button ?disabled=${this.action.busy} @click=${this.restore}>${msg('Restore default', { id: 'settings.restore' })}</button>
                </div>`
              : html`<p class="muted" role="status">${msg('Loading…', { id: 'common.loading' })}</p>`
          }
          ${this.action.error ? html`<p class="notice" role="status">${this.action.error}</p>` : null}
        </section>
        ${this.card('profile-title', msg('Profile', { id: 'space.profile' }), html`<kj-profile-form></kj-profile-form>`)}
        ${this.card(
          'acct',
          msg('Account', { id: 'auth.account' }),
          html`<p>${msg('Signed in as', { id: 'settings.signedInAs' })} <b>${me.displayName}</b> (@${me.handle})${me.role === 'moderator' ? ` · ${msg('moderator', { id: 'settings.moderator' })}` : ''}</p>
            <button class="danger" @click=${this.signOut}>${msg('Sign out', { id: 'settings.signOut' })}</button>
            <kj-account-security></kj-account-security>`,
        )}
        ${this.card('groups-title', msg('Friend groups', { id: 'groups.title' }), html`<kj-groups-settings></kj-groups-settings>`, 'groups')}
        ${this.card('blocked-title', msg('Blocked people', { id: 'blocking.title' }), html`<kj-blocked-list></kj-blocked-list>`)}
        ${this.card('circles-title', msg('Privacy and approval', { id: 'circles.heading' }), html`<kj-circles-settings></kj-circles-settings>`)}
        ${this.card('attention-title', msg('Alerts', { id: 'attention.heading' }), html`<kj-attention-settings></kj-attention-settings>`)}
        ${this.card('lang', msg('Language', { id: 'settings.language' }), html`<kj-locale-switch></kj-locale-switch>`)}
      </div>
      <section aria-label=${msg('Live preview', { id: 'settings.preview' })}>
        <p class="muted preview-label">${msg('Live preview — this is what visitors see.', { id: 'settings.previewNote' })}</p>
        <div class="preview">${draft ? html`<kj-space-view .space=${draft} .posts=${this.publicPosts} .viewer=${null} preview></kj-space-view>` : null}</div>
      </section>
    </div>`;
  }

  /** One settings card, named by its heading (`id` is a link's target, as /settings#groups). */
  private card(headingId: string, heading: string, body: TemplateResult, id?: string) {
    return html`<section class="card" style="margin-top:16px" id=${id ?? nothing} aria-labelledby=${headingId}>
      <h2 id=${headingId}>${heading}</h2>
      ${body}
    </section>`;
  }

  /** Ends this token on the hub, forgets it here, and leaves for the front page (not a stale /settings). */
  private async signOut(): Promise<void> {
    await this.action.run(async () => {
      session.leaving = true;
      await api.call('POST /auth/logout').catch(() => undefined); // already invalid or unreachable: signing out here is what matters
      router.go('/');
      session.signOut();
    });
  }

  private async load(): Promise<void> {
    const handle = this.session.me?.handle;
    if (!handle) return;
    await this.loads.load(
      async (signal) => {
        const { space, posts } = await readSpace(handle, signal);
        this.saved = this.draft = space;
        // The preview is a stranger's view of the space page: published public posts only.
        this.publicPosts = posts.filter((p) => p.privacy === 'public' && p.status === 'published');
      },
      (message) => this.action.fail(message),
    );
  }

  private onLook(e: CustomEvent<LookDraft>): void {
    if (this.draft) this.draft = { ...this.draft, ...e.detail };
  }

  private onModules(e: CustomEvent<SpaceModule[]>): void {
    if (this.draft) this.draft = { ...this.draft, modules: e.detail };
  }

  private async save(): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    await this.run(
      async () => {
        const { space } = await api.call('PATCH /spaces/me', {
          body: { title: draft.title, theme: draft.theme, modules: draft.modules, music: draft.music },
        });
        return space;
      },
      msg('Saved. Your space looks like this now.', { id: 'settings.saved' }),
    );
  }

  private async restore(): Promise<void> {
    if (!confirm(msg('Restore the default look and modules?', { id: 'settings.restoreConfirm' }))) return;
    await this.run(
      async () => {
        await api.call('POST /spaces/me/modules/restore');
        return (await api.call('PATCH /spaces/me', { body: { theme: defaultTheme } })).space;
      },
      msg('Restored the default look and modules.', { id: 'settings.restored' }),
    );
  }

  private async run(change: () => Promise<SpaceDto>, done: string): Promise<void> {
    await this.action.run(async () => {
      this.saved = this.draft = await change();
      toasts.show(done, { tone: 'success' });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-settings-page': KjSettingsPage;
  }
}
