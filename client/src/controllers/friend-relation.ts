/** Ties a component to the viewer's friend relations (services/friend-relations.ts): re-renders on every change. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UserDto } from '../../../shared/dto.js';
import { friendRelations, type FriendRelation } from '../services/friend-relations.js';

export class FriendRelationController implements ReactiveController {
  private readonly onChange = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** How the viewer stands with `user` now. */
  of(user: Pick<UserDto, 'id'>): FriendRelation {
    return friendRelations.relationTo(user);
  }

  ask(user: Pick<UserDto, 'id' | 'handle'>): Promise<void> {
    return friendRelations.ask(user);
  }

  accept(user: Pick<UserDto, 'id'>): Promise<void> {
    return friendRelations.accept(user);
  }

  hostConnected(): void {
    friendRelations.use();
    friendRelations.addEventListener('change', this.onChange);
  }

  hostDisconnected(): void {
    friendRelations.removeEventListener('change', this.onChange);
  }
}
