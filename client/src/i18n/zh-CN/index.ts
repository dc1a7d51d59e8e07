/**
 * Simplified Chinese: every area's translations, merged. Each area keeps its own file
 * (zh-CN/<area>.ts exporting `templates`); add yours to the import list and the spread below.
 * Ids are the `id` given to `msg()`; str templates use ${0}, ${1} for the source's values in order.
 * Words follow Qzone: 说说, 日志, 相册, 留言板, 访客, 好友动态, 黄钻, 转载, 空间.
 * `node --import tsx scripts/i18n-check.ts` lists ids still missing here.
 */
import type { TemplateMap } from '@lit/localize';
import { templates as auth } from './auth.js';
import { templates as common } from './common.js';
import { templates as feed } from './feed.js';
import { templates as games } from './games.js';
import { templates as moderation } from './moderation.js';
import { templates as nav } from './nav.js';
import { templates as notifications } from './notifications.js';
import { templates as post } from './post.js';
import { templates as settings } from './settings.js';
import { templates as space } from './space.js';
// Screens of issue #14 (notification targets, albums): one file per screen.
import { templates as albumPages } from './album-pages.js';
import { templates as commentPreview } from './comment-preview.js';
import { templates as fans } from './fans.js';
import { templates as friendRequests } from './friend-requests.js';
import { templates as invitePage } from './invite-page.js';
import { templates as notificationSettings } from './notification-settings.js';
import { templates as postPage } from './post-page.js';
import { templates as account } from './account.js';
import { templates as search } from './search.js';
import { templates as titles } from './titles.js';
import { templates as social } from './social.js';
import { templates as friendButton } from './friend-button.js';
import { templates as chat } from './chat.js';
import { templates as avatarUpload } from './avatar-upload.js';
import { templates as chatShare } from './chat-share.js';
import { templates as circles } from './circles.js';
import { templates as groups } from './groups.js';
import { templates as schedule } from './schedule.js';
import { templates as video } from './video.js';
import { templates as auditSubject } from './audit-subject.js';

export const templates: TemplateMap = {
  ...common,
  ...nav,
  ...search,
  ...titles,
  ...auth,
  ...feed,
  ...post,
  ...space,
  ...games,
  ...notifications,
  ...moderation,
  ...settings,
  ...albumPages,
  ...commentPreview,
  ...fans,
  ...friendRequests,
  ...invitePage,
  ...notificationSettings,
  ...circles,
  ...postPage,
  ...account,
  ...chat,
  ...social,
  ...friendButton,
  ...avatarUpload,
  ...chatShare,
  ...groups,
  ...schedule,
  ...video,
  ...auditSubject,
};
