import { spaceEnterPayload } from '../../../shared/schemas/spaces.js';
import { defineSocketHandler, type SocketHandler } from '../../realtime/gateway.js';
import type { SpaceService } from './service.js';

export function spaceSocketHandlers(spaces: SpaceService): SocketHandler[] {
  return [
    defineSocketHandler({
      event: 'space:enter',
      schema: spaceEnterPayload,
      // Each visit writes: a per-user budget across sockets and nodes.
      rateLimit: { name: 'space-enter', points: 60, perSeconds: 60 },
      // Records the visit exactly as POST /api/spaces/:handle/visit does.
      handler: async ({ handle }, { viewer }) => {
        await spaces.visit(viewer, handle);
        return {};
      },
    }),
  ];
}
