/** zh-CN: moderators taking a published post down from its card; held comments in the queue. */
import { str } from '@lit/localize';

export const templates = {
  'heldComments.title': '待审核的评论',
  'heldComments.post': '所在动态',
  'heldComments.approveBy': str`通过 ${0} 的评论`,
  'heldComments.rejectBy': str`拒绝 ${0} 的评论`,
  'modLive.unpublish': '下架',
  'modLive.unpublishConfirm': '下架这条动态？它将从所有好友动态中消失。',
};
