/**
 * Simplified Chinese: every area's translations, merged. Each area keeps its own file
 * (zh-CN/<area>.ts exporting `templates`); add yours to the import list and the spread below.
 * Ids are the `id` given to `msg()`; str templates use ${0}, ${1} for the source's values in order.
 * Words follow Qzone: 说说, 日志, 相册, 留言板, 访客, 好友动态, 黄钻, 转载, 空间.
 */
import type { TemplateMap } from '@lit/localize';
import { templates as common } from './common.js';
import { templates as nav } from './nav.js';
import { templates as friendRequests } from './friend-requests.js';
import { templates as invitePage } from './invite-page.js';
import { templates as notificationSettings } from './notification-settings.js';
import { templates as postPage } from './post-page.js';

export const templates: TemplateMap = {
  ...common,
  ...nav,
  ...friendRequests,
  ...invitePage,
  ...notificationSettings,
  ...postPage,
};
