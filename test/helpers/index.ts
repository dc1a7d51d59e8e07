export * from './api.js';
export * from './hub.js';
export * from './outcome.js';
export * from './ports.js';
export * from './redis.js';
export * from './sockets.js';
export * from './users.js';
export * from './wait-for.js';
