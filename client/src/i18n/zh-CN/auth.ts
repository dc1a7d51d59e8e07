/** zh-CN: signing in and creating an account; the language switch. */
export const templates = {
  'auth.tagline': '你自己的空间，好友实时相伴。',
  'auth.account': '账号',
  'auth.signIn': '登录',
  'auth.createAccount': '注册',
  'auth.handleHint': '3–32 位小写字母、数字或下划线',
  'auth.displayNameHint': '好友看到的名字，可以用中文',
  'auth.passwordHint': '至少 8 个字符',
  'auth.createMySpace': '创建我的空间',
  'auth.wrongPassword': '账号或密码错误。',
  'field.problem': '格式不正确。',
  'settings.language': '语言',
  'privacy.public': '所有人可见',
  'privacy.friends': '好友可见',
  'privacy.private': '仅自己可见',
};
