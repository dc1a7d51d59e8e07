import { css } from 'lit';

/** A post card's action that opens a dialog (repost, share to chat): the quiet opening button and the dialog's frame. */
export const cardDialogStyles = css`
  :host { display: inline-block; }
  button.open { border-color: transparent; }
  button.open svg { color: var(--kj-muted); }
  dialog { border: 1px solid var(--kj-line); border-radius: var(--kj-radius, 10px); padding: 18px; width: min(440px, 92vw); }
  dialog::backdrop { background: rgb(0 0 0 / 35%); }
  dialog h2 { margin-top: 0; font-size: 1.1rem; }
`;
