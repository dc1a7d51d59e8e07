/** Styles every component adopts: cards, buttons, fields, focus rings, small helpers. */
import { css } from 'lit';

export const shared = css`
  :host { display: block; }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  a { color: var(--kj-accent-strong); text-decoration: none; }
  a:hover { text-decoration: underline; }
  /* Links inside running text are underlined: colour alone does not tell them from the words around them. */
  a.mention, a.web { text-decoration: underline; text-underline-offset: 2px; overflow-wrap: anywhere; }
  :focus-visible { outline: none; box-shadow: var(--kj-focus); border-radius: 6px; }
  .card {
    background: var(--kj-panel);
    border: 1px solid var(--kj-line);
    border-radius: var(--kj-radius);
    box-shadow: var(--kj-shadow);
    padding: 16px;
  }
  /* every page has one h1 (screen-reader users jump to it); pages style theirs, this is the default */
  h1 { margin: 0 0 10px; font-size: 1.3rem; line-height: 1.3; }
  .card h2 { margin: 0 0 12px; font-size: 1rem; color: var(--kj-accent-strong); }
  button, .button {
    font: inherit; cursor: pointer; border-radius: 999px; padding: 6px 14px;
    border: 1px solid var(--kj-line); background: #fff; color: var(--kj-text);
    display: inline-flex; align-items: center; gap: 6px; min-height: 34px;
  }
  button:hover:not(:disabled) { background: var(--kj-accent-soft); }
  button:disabled { opacity: 0.55; cursor: default; }
  button.primary {
    /* white on these is ≥ 5.2:1; the lighter brand orange is for borders and fills without text */
    background: linear-gradient(180deg, #c2410c, #a84300); color: #fff;
    border-color: #a84300; font-weight: 600;
  }
  button.primary:hover:not(:disabled) { background: #9c3d00; }
  button.ghost { border-color: transparent; background: transparent; }
  button.danger { color: var(--kj-danger); }
  label { display: block; font-weight: 600; font-size: 0.9rem; margin-bottom: 4px; }
  input[type='text'], input[type='password'], input[type='url'], input:not([type]), textarea, select {
    font: inherit; width: 100%; padding: 8px 10px; border-radius: 8px;
    border: 1px solid var(--kj-line); background: #fffdf9; color: var(--kj-text);
  }
  input:focus-visible, textarea:focus-visible, select:focus-visible { border-color: var(--kj-accent); border-radius: 8px; }
  textarea { resize: vertical; min-height: 80px; }
  .field { margin-bottom: 12px; }
  .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  .spread { justify-content: space-between; }
  .muted { color: var(--kj-muted); font-size: 0.88rem; }
  .error { color: var(--kj-danger); }
  .notice { padding: 8px 12px; border-radius: 8px; background: var(--kj-accent-soft); border: 1px solid #ffd8a8; }
  .notice.error { background: #fff0f0; border-color: #ffc9c9; }
  .sr-only {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .badge {
    display: inline-block; font-size: 0.75rem; padding: 1px 8px; border-radius: 999px;
    background: var(--kj-accent-soft); color: var(--kj-accent-strong); border: 1px solid #ffd8a8;
  }
  ul.plain { list-style: none; margin: 0; padding: 0; }
`;
