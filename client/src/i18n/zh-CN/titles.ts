/** zh-CN: page names in the browser tab (client/src/page-title.ts). */
export const templates = {
  'title.signIn': '登录',
  'title.feed': '好友动态',
  'title.guestbook': '留言板',
  'title.albums': '相册',
  'title.post': '动态详情',
  'title.invite': '游戏邀请',
  'title.notificationSettings': '通知设置',
  'title.notifications': '通知',
  'title.games': '游戏',
  'title.match': '五子棋对局',
  'title.settings': '设置',
  'title.moderation': '审核',
  'title.notFound': '页面不存在',
};
