/** zh-CN: the settings page (decorating the space, account, language). */
export const templates = {
  'common.loading': '加载中…',
  'settings.decorate': '装扮我的空间',
  'settings.save': '保存修改',
  'settings.discard': '放弃修改',
  'settings.restore': '恢复默认',
  'settings.signedInAs': '当前登录：',
  'settings.moderator': '管理员',
  'settings.signOut': '退出登录',
  'settings.preview': '实时预览',
  'settings.previewNote': '实时预览——访客看到的就是这样。',
  'settings.saved': '已保存，你的空间现在是这个样子。',
  'settings.restoreConfirm': '恢复默认的外观和模块？',
  'settings.restored': '已恢复默认的外观和模块。',
};
