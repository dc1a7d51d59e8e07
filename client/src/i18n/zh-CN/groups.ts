/** zh-CN: friend groups (分组) and who may see a post (部分好友可见, 不给谁看). */
import { str } from '@lit/localize';

export const templates = {
  'privacy.groups': '部分好友可见',
  'audience.except': '不给谁看…',
  'audience.groups': '部分好友可见…',
  'audience.hideFrom': '不给这些好友看',
  'audience.showTo': '给这些分组看',
  'groups.title': '好友分组',
  'groups.intro': '有了分组，说说和日志可以只给部分好友看。',
  'groups.newName': '新分组名称',
  'groups.create': '新建分组',
  'groups.none': '还没有分组。',
  'groups.noneYet': '还没有分组，去设置里新建吧。',
  'groups.rename': '改名',
  'groups.renameLabel': str`给${0}改名`,
  'groups.deleteName': str`删除${0}`,
  'groups.deleteConfirm': str`删除分组“${0}”？只给这个分组看的内容以后只有你自己能看到。`,
  'groups.membersOf': str`“${0}”里的好友`,
  'groups.menu': '分组',
  'groups.menuFor': str`${0}所在的分组`,
};
