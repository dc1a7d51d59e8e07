/** zh-CN: the header's people search (kj-user-search). */
import { str } from '@lit/localize';

export const templates = {
  'search.label': '搜索用户',
  'search.placeholder': '找人',
  'search.results': '找到的用户',
  'search.none': str`没有找到“${0}”`,
};
