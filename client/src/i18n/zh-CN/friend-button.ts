/** zh-CN: 加好友 wherever a person is shown (kj-friend-button). */
export const templates = {
  'friendButton.friends': '好友',
  'friendButton.accept': '接受好友请求',
};
