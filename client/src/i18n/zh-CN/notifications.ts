/** zh-CN: notifications and the bell. */
import { str } from '@lit/localize';

export const templates = {
  'notif.title': '通知',
  'notif.unread': str`通知，${0} 条未读`,
  'notif.someone': '有人',
  'common.colon': '：',
  'notif.comment': str`${0}评论了你的动态`,
  'notif.reply': str`${0}回复了你的评论`,
  'notif.like': str`${0}赞了你的动态`,
  'notif.likeOther': str`${0}和另外 ${1} 人赞了你的动态`,
  'notif.likeOthers': str`${0}和另外 ${1} 人赞了你的动态`,
  'notif.friendRequest': str`${0}想加你为好友`,
  'notif.friendAccept': str`${0}通过了你的好友请求`,
  'notif.guestbook': str`${0}在你的留言板留言了`,
  'notif.invite': str`${0}邀请你玩游戏`,
  'notif.mention': str`${0}提到了你`,
  'notif.repost': str`${0}转载了你的动态`,
  'notif.report': str`${0}举报了内容，等待管理员处理`,
  'notif.approved': '管理员通过了你的动态',
  'notif.approvedComment': '管理员通过了你的评论',
  'notif.approvedCommentByOwner': str`${0}通过了你的评论`,
  'notif.approvedEntry': str`${0}通过了你的留言`,
  'notif.moderationDecision': '关于你的动态的审核结果',
  'notif.none': '还没有通知。赞、评论和邀请都会出现在这里。',
  'common.dismiss': '关闭',
};
