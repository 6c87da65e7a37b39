import { SIGNATURE_DOCUMENT_LABELS_ZH, SIGNER_LABELS_ZH } from '@tongban/protocol/sync/manifest-signature';

/** 电子签名: the clerk's panel and the customer screen's signing page (decision 0155). */
export const signatureZh = {
  signers: { ...SIGNER_LABELS_ZH },
  documents: { ...SIGNATURE_DOCUMENT_LABELS_ZH },
  panel: {
    title: '电子签名',
    required: '本事项须由{{signer}}在顾客屏上签名确认后才能收件',
    optional: '本事项不强制电子签名；签名后将打印在收件凭证和授权委托书上',
    unsigned: '未签名',
    valid: '已签名（{{time}}）',
    stale: '签名后申请内容已修改，签名已失效，请重新签名',
    purged: '已签名，签名图像已按保存期限清除（留存哈希）',
    ask: '请{{signer}}签名',
    askAgain: '请{{signer}}重新签名',
    refresh: '刷新签名状态',
    modalTitle: '请{{signer}}在顾客屏上签名',
    help: '在顾客屏（第二显示器，或配对过的另一浏览器）打开下面的地址，{{time}}前有效、只能签一次：',
    url: '签名地址',
    copy: '复制',
    pair: '生成顾客屏配对地址',
    pairHelp: '在顾客屏浏览器打开此地址（{{time}}前有效），配对并直接进入签名页：',
    pairFailed: '无法生成配对地址，请确认已登录且未锁屏',
    waiting: '等待签名……签名完成后本窗口自动更新',
    done: '{{signer}}已签名',
    failed: '无法发起签名',
  },
  screen: {
    title: '请阅读并签名确认',
    loading: '正在加载……',
    invalid: '签名页无效',
    noTicket: '请由工作人员在窗口发起签名',
    signer: '签名人：{{signer}} {{name}}',
    readAll: '请完整阅读以上内容，确认无误后在下方框内签名',
    padLabel: '签名区域（请用手指、触控笔或鼠标书写姓名）',
    clear: '重写',
    confirm: '确认签名',
    empty: '请先在签名框内签名',
    done: '签名已提交',
    doneBody: '谢谢！窗口工作人员将继续为您办理。',
  },
  reasons: {
    'ticket-used': '该签名页已使用，每次只能签一次；如需重签，请工作人员重新发起',
    'ticket-expired': '该签名页已过期，请工作人员重新发起签名',
    'ticket-superseded': '工作人员已重新发起签名，请使用新的签名页',
    'ticket-unknown': '签名页无效，请工作人员重新发起签名',
    'signature-binding-mismatch': '申请内容已变化，本页显示的内容不是当前申请，请工作人员重新发起签名',
    'staff-cannot-sign': '本窗口已登录工作人员账号，不能代替办事人签名；请在顾客屏上签名',
  },
};

/** Field problem codes of 电子签名 (merged into `fields`). */
export const signatureFieldsZh = {
  'signature-required': '本事项须由到场办理人在顾客屏上电子签名后才能收件',
  'signature-stale': '签名后申请内容已修改，原签名已失效，请重新签名',
  'signer-not-applicable': '该人员无需签名',
  'applicant-name-required': '请先填写申请人姓名',
  'signature-image': '签名图像无效，请重新签名',
  'signature-empty': '请先签名',
  'signature-too-short': '签名过短，请完整书写姓名',
};
