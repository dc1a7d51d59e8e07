/**
 * Ties every DTO interface of shared/dto.ts to its zod schema, at compile time: the schema's output
 * must fit the interface, and both must name the same fields (so an extra or renamed field on either
 * side is an error here). Nothing runs; `npx tsc` is the test.
 */
import type { z } from 'zod';
import type * as dto from '../../dto.js';
import type * as s from './objects.js';

type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : false;
type Tie<S extends z.ZodType, D> = z.output<S> extends D ? SameKeys<z.output<S>, D> : false;
type Holds<T extends true> = T;

export type DtoTies = [
  Holds<Tie<typeof s.userDto, dto.UserDto>>,
  Holds<Tie<typeof s.meDto, dto.MeDto>>,
  Holds<Tie<typeof s.authResponse, dto.AuthResponse>>,
  Holds<Tie<typeof s.spaceTheme, dto.SpaceTheme>>,
  Holds<Tie<typeof s.spaceModule, dto.SpaceModule>>,
  Holds<Tie<typeof s.spaceMusic, dto.SpaceMusic>>,
  Holds<Tie<typeof s.spaceDto, dto.SpaceDto>>,
  Holds<Tie<typeof s.visitorDto, dto.VisitorDto>>,
  Holds<Tie<typeof s.guestbookEntryDto, dto.GuestbookEntryDto>>,
  Holds<Tie<typeof s.guestbookReplyDto, dto.GuestbookReplyDto>>,
  Holds<Tie<typeof s.friendRequestDto, dto.FriendRequestDto>>,
  Holds<Tie<typeof s.friendSuggestionDto, dto.FriendSuggestionDto>>,
  Holds<Tie<typeof s.groupDto, dto.GroupDto>>,
  Holds<Tie<typeof s.photoDto, dto.PhotoDto>>,
  Holds<Tie<typeof s.albumDto, dto.AlbumDto>>,
  Holds<Tie<typeof s.videoDto, dto.VideoDto>>,
  Holds<Tie<typeof s.quotaDto, dto.QuotaDto>>,
  Holds<Tie<typeof s.postDto, dto.PostDto>>,
  Holds<Tie<typeof s.commentDto, dto.CommentDto>>,
  Holds<Tie<typeof s.notificationSubject, dto.NotificationSubject>>,
  Holds<Tie<typeof s.notificationDto, dto.NotificationDto>>,
  Holds<Tie<typeof s.inviteDto, dto.InviteDto>>,
  Holds<Tie<typeof s.gameDto, dto.GameDto>>,
  Holds<Tie<typeof s.moveDto, dto.MoveDto>>,
  Holds<Tie<typeof s.matchDto, dto.MatchDto>>,
  Holds<Tie<typeof s.moderationRuleDto, dto.ModerationRuleDto>>,
  Holds<Tie<typeof s.auditEntryDto, dto.AuditEntryDto>>,
  Holds<Tie<typeof s.reportDto, dto.ReportDto>>,
  Holds<Tie<typeof s.messageDto, dto.MessageDto>>,
  Holds<Tie<typeof s.conversationDto, dto.ConversationDto>>,
];
