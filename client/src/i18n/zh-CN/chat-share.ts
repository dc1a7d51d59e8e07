/** zh-CN: photos and posts sent in a chat (发图片、从相册选、分享给好友), the styled upload picker, the moderator's menu on a post. */
import { str } from '@lit/localize';

export const templates = {
  'chat.photoButton': '图片',
  'chat.photoSending': '正在发送图片',
  'chat.photoNotImage': '请选择一张图片。',
  'chatAlbum.button': '相册',
  'chatAlbum.title': '从我的相册发送图片',
  'chatAlbum.empty': '你的相册里还没有照片。',
  'chatAlbum.photoLabel': str`${1}的第${0}张照片`,
  'share.button': '分享给好友',
  'share.title': '发送给好友',
  'share.loading': '加载中…',
  'share.noFriends': '你还没有可以分享的好友。',
  'share.friends': '好友',
  'share.sent': str`已发送给${0}。`,
  'share.openChat': '去聊天',
  'uploader.drop': '或把照片拖到这里',
  'modMenu.label': '管理操作',
};
