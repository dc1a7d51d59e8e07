export { freePort, tcpOpen } from '../../scripts/ports.js';
