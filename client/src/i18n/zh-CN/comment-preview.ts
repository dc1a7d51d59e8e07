/** zh-CN: a feed item's newest comments, inline. */
import { str } from '@lit/localize';

export const templates = {
  'commentPreview.label': '最新评论',
  'commentPreview.showOne': '查看评论',
  'commentPreview.showAll': str`查看全部 ${0} 条评论`,
};
