/** zh-CN: moderators taking a published post down from its card. */
export const templates = {
  'modLive.unpublish': '下架',
  'modLive.unpublishConfirm': '下架这条动态？它将从所有好友动态中消失。',
};
