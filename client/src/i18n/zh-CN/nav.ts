/** zh-CN: the app shell — header navigation, skip link, loading and offline notices. */
export const templates = {
  'nav.main': '主导航',
  'nav.feed': '好友动态',
  'nav.mySpace': '我的空间',
  'nav.games': '游戏',
  'nav.settings': '设置',
  'nav.moderation': '审核',
  'nav.skip': '跳到正文',
  'nav.yourSpace': '你的空间',
  'app.loading': '正在打开你的空间…',
  'app.offline': '你已离线，正在重新连接…连接恢复后会继续实时更新。',
  'app.notFoundTitle': '这里什么也没有',
  'app.notFoundBody': '页面不存在。',
  'app.backToFeed': '返回好友动态',
};
