/** zh-CN: fans of certified spaces and the moderator tools on a space. */
import { str } from '@lit/localize';

export const templates = {
  'fans.one': '1 位粉丝',
  'fans.many': str`${0} 位粉丝`,
  'fans.like': '喜欢',
  'fans.liked': '已喜欢',
  'modTools.title': '管理员工具',
  'modTools.certify': '认证此空间',
  'modTools.uncertify': '取消认证',
  'modTools.tierLabel': '空间主人的等级',
  'modTools.basic': '普通用户',
  'modTools.yellow': '黄钻用户',
  'modTools.certified': '已认证。',
  'modTools.uncertified': '已取消认证。',
  'modTools.tierSaved': '等级已保存。',
};
