/** zh-CN: the single-post page (`/post/:id`). */
import { str } from '@lit/localize';

export const templates = {
  'postPage.title': str`${0}的动态`,
  'postPage.back': '← 返回好友动态',
  'postPage.deleted': '这条动态已被删除。',
  'postPage.notFound': '找不到这条动态',
  'postPage.loading': '正在打开动态…',
  'postPage.notVisible': '它已被删除，或者你没有权限查看。',
};
