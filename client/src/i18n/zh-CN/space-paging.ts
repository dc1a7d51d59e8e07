/** zh-CN: paging a space's older posts. */
export const templates = {
  'spacePaging.older': '更早的动态',
  'spacePaging.end': '已经到底了。',
};
