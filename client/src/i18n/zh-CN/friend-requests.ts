/** zh-CN: answering a friend request from its notification; unfriending from the friends panel. */
import { str } from '@lit/localize';

export const templates = {
  'friendReq.accepted': '你们已经是好友了',
  'friendReq.declined': '已拒绝',
  'friendReq.accept': '接受',
  'friendReq.decline': '拒绝',
  'friendReq.acceptLabel': str`接受 ${0} 的好友请求`,
  'friendReq.declineLabel': str`拒绝 ${0} 的好友请求`,
  'friendsPanel.unfriend': '删除好友',
  'friendsPanel.unfriendName': str`删除好友 ${0}`,
  'friendsPanel.unfriendConfirm': str`删除好友 ${0}？你们将不再看到对方仅好友可见的动态。`,
  'friendsPanel.unfriended': str`你和 ${0} 已不再是好友。`,
};
