/** zh-CN: answering a friend request from its notification. */
import { str } from '@lit/localize';

export const templates = {
  'friendReq.accepted': '你们已经是好友了',
  'friendReq.declined': '已拒绝',
  'friendReq.accept': '接受',
  'friendReq.decline': '拒绝',
  'friendReq.acceptLabel': str`接受 ${0} 的好友请求`,
  'friendReq.declineLabel': str`拒绝 ${0} 的好友请求`,
};
