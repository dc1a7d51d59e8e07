/** The client's i18n: languages, formatting, error texts. See ./locale.ts and README "Languages". */
export * from './locale.js';
export * from './format.js';
export * from './errors.js';
