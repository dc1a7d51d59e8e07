/** zh-CN: what a moderator's log entry was about, named by whose it is (小刚的动态「…」). */
import { str } from '@lit/localize';

export const templates = {
  'auditSubject.post': '动态',
  'auditSubject.comment': '评论',
  'auditSubject.guestbook': '留言',
  'auditSubject.message': '私信',
  'auditSubject.named': str`${0}的${1}「${2}」`,
  'auditSubject.owner': str`${0}的${1}`,
};
