/** zh-CN: a new avatar uploaded straight from settings (kj-avatar-upload). */
export const templates = {
  'avatarUpload.pick': '上传新头像',
  'avatarUpload.hint': '选择一张图片，或拖到这里',
  'avatarUpload.preview': '新头像预览',
  'avatarUpload.zoom': '缩放',
  'avatarUpload.use': '设为头像',
  'avatarUpload.notImage': '这个文件不是图片。',
};
