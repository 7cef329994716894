import type { Catalogue } from './en';

export const zhHans: Catalogue = {
  'language.name': '简体中文',
  'site.title': '中央认证服务',
  'site.poweredBy': '由 {name} 提供支持',
  'site.languages': '语言',

  'login.title': '登录',
  'login.heading': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.warn': '登录其他网站前提醒我',
  'login.submit': '登录',

  'warn.title': '确认',
  'warn.heading': '继续前往 {service}？',
  'warn.text': '您即将以 {username} 的身份登录 {service}。',
  'warn.submit': '继续',
  'warn.cancel': '取消并留在此页',

  'logged.title': '已登录',
  'logged.heading': '您已登录',
  'logged.text': '您自 {since} 起以 {username} 的身份登录。',
  'logged.logout': '退出登录',
  'logged.logoutAll': '退出我的所有会话',

  'logout.title': '已退出',
  'logout.heading': '您已退出登录',
  'logout.closeBrowser': '为了安全起见，使用完各个应用后请关闭浏览器。',
  'logout.servicesTold': '已通知您退出登录的应用：',
  'logout.servicesNotTold': '未能通知的应用，请自行退出：',
  'logout.continue': '继续前往 {url}',
  'logout.loginAgain': '重新登录',

  'redirect.title': '正在跳转',
  'redirect.text': '继续前往应用：',
  'redirect.submit': '继续',

  'messages.dismiss': '关闭',

  'msg.serviceRequired': '服务 {name}（{url}）要求认证',
  'msg.renewalRequired': '服务 {name}（{url}）要求重新认证',
  'msg.serviceNotAllowed': '服务网址不被允许',
  'msg.invalidLoginTicket': '登录票据无效',
  'msg.badCredentials': '无法确认您提供的凭据是真实的',
  'msg.sourceUnavailable': '认证服务暂时不可用，请稍后重试',
  'msg.attributesTooLarge': '您的账户数据超出本服务器的上限，无法登录；请联系管理员',
  'msg.throttled': '登录失败次数过多，请稍候片刻再试。',
  'msg.loginSuccess': '登录成功',
  'msg.paramRepeated': '无效请求：参数“{name}”出现了多次',
  'msg.paramMalformed': '无效请求：参数“{name}”格式错误',
  'msg.paramTooLong': '无效请求：参数“{name}”过长',
  'msg.unreadableForm': '无效请求：无法读取表单',
  'msg.userNotAllowed': '用户名不被允许',
  'msg.userCharacteristicsNotAllowed': '用户特征不被允许',
  'msg.attributeNeeded': '使用该服务需要属性 {attribute}',
  'msg.logoutSuccess.one': '退出成功：已关闭 {count} 个会话',
  'msg.logoutSuccess.other': '退出成功：已关闭 {count} 个会话',
  'msg.alreadyLoggedOut': '您已经退出登录了',
  'msg.casExplained':
    '中央认证服务让您只需认证一次即可访问我们的大多数网站：在会话过期或您退出登录之前，无需再次输入凭据。',

  'error.title': '无效请求',
  'error.text': '无法理解该请求。',
  'error.back': '返回登录页',
};
