// The sign-in screen's strings only, so the first bundle carries neither every page's text nor the
// schemas some of them import (docs/decisions/0241). The full resources (./resources) replace these
// when the first lazy page loads; the full resources spread these in (one owner), first.test.ts checks none is overridden.
export const firstZh = {
  app: {
    title: '跨省通办窗口',
    loading: '正在启动…',
    startFailed: '无法启动',
    retry: '重试',
  },
  errors: {
    'invalid-input': '填写内容有误，请按提示修改',
    'unknown-command': '程序版本不一致，请重新启动本程序',
    'payload-too-large': '提交的内容过大',
    unauthenticated: '登录已失效，请重新登录',
    'session-locked': '屏幕已锁定，请输入密码解锁',
    forbidden: '您没有执行此操作的权限',
    'invalid-credentials': '登录名或密码错误',
    'account-locked': '账号已被锁定，请稍后再试',
    'account-disabled': '账号已停用，请联系系统管理员',
    'password-change-required': '管理员设置的初始密码须先修改为您自己的密码，修改后才能办理业务',
    'already-initialized': '本窗口已完成初始化，请直接登录',
    'not-initialized': '本窗口尚未完成初始化',
    'database-too-new': '数据库由更新版本的程序创建，请升级本程序',
    'database-unreadable': '数据库或备份无法读取：它已加密，本机的密钥或输入的恢复码与它不符（也可能文件已损坏）',
    unavailable: '无法连接本机服务，请稍后重试',
    'training-mode': '培训模式的数据不会同步到部门网关',
    'training-unavailable': '本程序未启用培训模式',
    'training-only': '只有培训数据可以重置',
    internal: '系统内部错误，请联系系统管理员',
    accountLockedUntil: '连续登录失败次数过多，账号已锁定至 {{time}}，请届时再试',
  },
  fields: {
    required: '此项为必填项',
    'username-format': '登录名应为 3–32 位字母、数字或 _ . -',
    'too-long': '输入内容过长',
    'invalid-characters': '含有控制字符、文字方向控制符或不可见字符，请删除后重新输入',
    'schema-fallback': '格式不正确',
  },
  lang: {
    label: '界面语言',
    zh: '中文',
    en: 'English',
  },
  login: {
    title: '工作人员登录',
    username: '登录名',
    password: '密码',
    submit: '登录',
    failed: '登录失败',
  },
  shell: {
    window: '{{no}} 号窗口',
  },
  hall: {
    training: {
      banner: '培训模式 · 当前为培训数据，所办案件不具法律效力，不会同步到部门',
      enter: '进入培训模式',
      leave: '退出培训模式，回到正式数据',
      loginHint: '培训模式使用单独的培训数据（含样例证件和样例案件），用本人账号登录。',
    },
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type FirstStrings = Shape<typeof firstZh>;

export const firstEn: FirstStrings = {
  app: {
    title: 'Cross-Province Service Window',
    loading: 'Starting…',
    startFailed: 'Cannot start',
    retry: 'Retry',
  },
  errors: {
    'invalid-input': 'Some fields are not valid; please correct them',
    'unknown-command': 'Program versions do not match; please restart the program',
    'payload-too-large': 'The submission is too large',
    unauthenticated: 'Your session has ended; please sign in again',
    'session-locked': 'The screen is locked; enter your password to unlock',
    forbidden: 'You are not allowed to do this',
    'invalid-credentials': 'Wrong user name or password',
    'account-locked': 'The account is locked; please try again later',
    'account-disabled': 'The account is disabled; please contact the administrator',
    'password-change-required': 'Choose your own password first: an administrator set the current one',
    'already-initialized': 'This window is already set up; please sign in',
    'not-initialized': 'This window has not been set up yet',
    'database-too-new': 'The database was written by a newer version; please upgrade',
    'database-unreadable':
      'The database or backup cannot be read: it is encrypted and this PC’s key or the recovery code does not match (or the file is damaged)',
    unavailable: 'Cannot reach the local service; please try again',
    'training-mode': 'Training data is never synced to the department gateway',
    'training-unavailable': 'Training mode is not available here',
    'training-only': 'Only the training data can be reset',
    internal: 'Internal error; please contact the administrator',
    accountLockedUntil: 'Too many failed sign-ins: the account is locked until {{time}}',
  },
  fields: {
    required: 'Required',
    'username-format': 'User names have 3–32 letters, digits or _ . -',
    'too-long': 'Too long',
    'invalid-characters': 'Contains control, direction-changing or invisible characters',
    'schema-fallback': 'Invalid format',
  },
  lang: {
    label: 'Language',
    zh: '中文',
    en: 'English',
  },
  login: {
    title: 'Staff sign-in',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    failed: 'Sign-in failed',
  },
  shell: {
    window: 'Window {{no}}',
  },
  hall: {
    training: {
      banner: 'TRAINING MODE · training data only: nothing here is legally valid or synced to departments',
      enter: 'Enter training mode',
      leave: 'Leave training mode (back to live data)',
      loginHint: 'Training mode uses separate training data (sample cards and cases); sign in with your own account.',
    },
  },
};
