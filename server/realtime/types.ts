import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../shared/events.js';
import type { Viewer } from '../modules/accounts/viewer.js';

/** None typed here: the cluster bus (cluster-bus.ts) sends its own through `serverSideEmit`. */
type InterServerEvents = Record<never, never>;

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Runs for every authenticated socket as it connects (feature modules register one each). */
export type ConnectionListener = (socket: HubSocket, viewer: Viewer) => void;
