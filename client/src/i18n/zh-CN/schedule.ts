/** zh-CN: scheduled posts (定时发表): the composer's time picker and the list of my scheduled posts; link previews. */
import { str } from '@lit/localize';

export const templates = {
  'schedule.toggle': '定时发表',
  'schedule.at': '发表时间',
  'schedule.missing': '请选择发表时间。',
  'schedule.done': str`已定时，将于 ${0} 发表。在此之前只有你能看到。`,
  'schedule.listTitle': str`定时发表（${0}）`,
  'schedule.when': str`${0} 发表`,
  'schedule.edit': '修改',
  'schedule.cancel': '取消发表',
  'schedule.text': '内容',
  'schedule.save': '保存',
  'schedule.back': '返回',
  'schedule.mine': '定时发表中，发表前只有你能看到。',
  'link.preview': '链接预览',
};
