/** zh-CN: videos in shuoshuo (上传视频), album background music (相册背景音乐) and the photo wall (照片墙). */
import { str } from '@lit/localize';

export const templates = {
  'video.pick': '视频',
  'video.uploading': '正在上传视频',
  'video.cancel': '取消',
  'video.cancelled': '已取消上传。',
  'video.attached': str`已添加的视频，时长 ${0}`,
  'video.remove': '移除视频',
  'video.label': str`视频，时长 ${0}`,
  'albumMusic.label': '相册背景音乐',
  'albumMusic.title': '歌曲名',
  'albumMusic.url': '音乐链接（http 或 https）',
  'albumMusic.save': '保存音乐',
  'albumMusic.remove': '移除音乐',
  'albumMusic.change': '更换背景音乐',
  'albumMusic.add': '添加背景音乐',
  'albumPage.layout': '排列方式',
  'albumPage.grid': '网格',
  'albumPage.wall': '照片墙',
};
