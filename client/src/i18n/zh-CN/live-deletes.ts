/** zh-CN: deleting comments and guestbook messages. */
import { str } from '@lit/localize';

export const templates = {
  'commentsLive.deleteLabel': str`删除 ${0} 的评论`,
  'commentsLive.deleteConfirm': '删除这条评论及其回复？',
  'commentsLive.deleteReplyConfirm': '删除这条回复？',
  'guestbookLive.deleteLabel': str`删除 ${0} 的留言`,
  'guestbookLive.deleteConfirm': '删除这条留言？',
};
