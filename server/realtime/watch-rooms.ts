/**
 * Following a page live (a post, an album, a space, a guestbook): a watch joins the room its check
 * names, and the check throws (not_found) for what the viewer may not see, so nothing is joined; an
 * unwatch leaves the page's rooms. The acknowledgements carry nothing more.
 */
import type { HubSocket } from './types.js';

/** Joins the room once its check has named it. */
export async function joinChecked(socket: HubSocket, checkedRoom: Promise<string>): Promise<object> {
  await socket.join(await checkedRoom);
  return {};
}

/** Leaves each of the socket's rooms that `matches` picks. */
export async function leaveRooms(socket: HubSocket, matches: (room: string) => boolean): Promise<object> {
  for (const room of [...socket.rooms]) if (matches(room)) await socket.leave(room);
  return {};
}

/** A page room is under its owner's post-room prefix (`p:<ownerId>:…`, realtime/rooms.ts); this picks them by how they end. */
export const isPageRoom = (room: string, tail: string) => room.startsWith('p:') && room.endsWith(tail);
