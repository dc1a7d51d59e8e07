/** zh-CN: one game invite (`/invites/:id`). */
import { str } from '@lit/localize';

export const templates = {
  'inviteView.back': '← 游戏',
  'inviteView.notFound': '找不到这个邀请',
  'inviteView.loading': '正在打开邀请…',
  'inviteView.toMe': str`${0} 邀请你玩${1}`,
  'inviteView.fromMe': str`你向 ${0} 发出的邀请：${1}`,
  'inviteView.accept': '接受并开始',
  'inviteView.decline': '拒绝',
  'inviteView.cancel': '取消邀请',
  'inviteView.openMatch': '打开对局',
  'inviteView.pendingToMe': str`请在 ${0} 前答复。`,
  'inviteView.pendingFromMe': str`等待 ${0} 答复。`,
  'inviteView.accepted': '已接受：对局开始了。',
  'inviteView.declined': '已拒绝。',
  'inviteView.cancelled': '邀请人已取消。',
  'inviteView.expired': '已过期：没有人及时答复。',
  'inviteView.gone': '它已不存在，或者你无权查看。',
};
