/** zh-CN: the friend feed and the composer. */
import { str } from '@lit/localize';

export const templates = {
  'feed.title': '好友动态',
  'feed.newPost': '1 条新动态',
  'feed.newPosts': str`${0} 条新动态`,
  'feed.posts': '动态',
  'feed.quiet': '这里还很安静。',
  'feed.quietHint': '在上面发表你的第一条说说，或者添加好友来看他们的动态。',
  'feed.older': '查看更早的动态',
  'composer.label': '发表',
  'composer.kind': '类型',
  'post.shuoshuo': '说说',
  'post.diary': '日志',
  'composer.prompt': '说点什么吧…',
  'composer.diaryText': '日志正文',
  'composer.photos': '照片',
  'composer.privacy': '谁可以看',
  'composer.post': '发表',
  'composer.attached': '已添加的照片',
  'composer.removePhoto': '移除照片',
  'composer.uploading': str`正在上传 ${0} 张…`,
  'composer.blocked': '未发表：内容违反了社区规则。',
  'composer.held': '等待审核：管理员通过前只有你能看到。',
  'composer.review': '已发表，正在预审：管理员通过前只有你能看到。',
  'composer.posted': '发表成功！',
};
