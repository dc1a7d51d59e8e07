/** zh-CN: the per-kind notification mute screen (`/notifications/settings`). */
export const templates = {
  'notifSettings.link': '设置提醒类型',
  'notifSettings.back': '← 消息提醒',
  'notifSettings.title': '接收哪些提醒',
  'notifSettings.help': '取消勾选的类型将被屏蔽：不保存，也不会让小铃铛响起。',
  'notifSettings.loading': '加载中…',
  'notifSettings.saved': '已保存。',
  'notifSettings.comment': '我的动态收到评论',
  'notifSettings.reply': '我的评论收到回复',
  'notifSettings.like': '赞',
  'notifSettings.friendRequest': '好友请求',
  'notifSettings.friendAccept': '好友请求被接受',
  'notifSettings.guestbook': '留言板留言',
  'notifSettings.invite': '游戏邀请',
  'notifSettings.moderation': '审核结果',
};
