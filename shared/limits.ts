/**
 * The contract's size limits, in one place: the server's input schemas (shared/schemas) and the web
 * client's forms (maxlength, photo pickers) both read them, so a changed limit changes both.
 */
export const limits = {
  /** Photos one shuoshuo may show. */
  shuoshuoImages: 9,
  /** Characters of a shuoshuo (and of a repost's comment). */
  shuoshuoChars: 2000,
  /** Characters of a diary title. */
  diaryTitleChars: 120,
  /** Characters of a comment or reply. */
  commentChars: 1000,
  /** Characters of a guestbook entry. */
  guestbookChars: 500,
  /** Characters of an album title and a space title. */
  albumTitleChars: 60,
  /** Characters of a photo caption and a bio. */
  captionChars: 200,
  /** Characters of a display name. */
  displayNameChars: 40,
  /** Characters of a report's reason. */
  reportReasonChars: 500,
  /** v1.2 特别关心: friends one may care for specially. */
  caredFriends: 20,
  /** v1.2 circles: friend groups one user may have, characters of a group's name. */
  groups: 20,
  groupNameChars: 20,
  /** Friends one post or album may be hidden from (不给谁看). */
  exceptHandles: 200,
} as const;
