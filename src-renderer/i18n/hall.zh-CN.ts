// 培训模式, 操作指南, 陪办 and 错时/延时服务 (issue #17).
import { firstZh } from './first';
export const hallZh = {
  training: {
    ...firstZh.hall.training,
    reset: '重置培训数据',
    resetConfirm: '清空全部培训数据并恢复样例？所有培训人员需重新登录。',
    resetDone: '培训数据已重置，请重新登录',
  },
  guide: {
    title: '操作指南',
    pick: '选择事项',
    print: '打印指南（PDF）',
    unverified: '以办理地部门告知为准',
    fromWizard: '操作指南',
    catalogue: '事项目录版本 {{version}}',
    unverifiedNote: '标注“以办理地部门告知为准”的内容尚未与办理地实施清单核对。',
  },
  appointments: {
    title: '今日错时/延时预约',
    book: '预约错时/延时服务',
    empty: '今天没有预约',
    date: '服务日期',
    time: '时间',
    kind: '服务类型',
    kinds: { staggered: '错时服务', extended: '延时服务' },
    matter: '事项（可选）',
    matterColumn: '事项',
    name: '申请人姓名',
    phone: '联系电话',
    note: '备注',
    serve: '开始办理',
    cancel: '取消预约',
    booked: '已预约',
    states: { booked: '待办理', served: '已办理', cancelled: '已取消' },
    bookedBy: '预约人 {{name}}',
    saved: '已预约',
    linked: '已关联预约，计入错时/延时服务',
  },
  officeHours: {
    title: '办公时间',
    intro:
      '错时/延时服务须预约在办公时间以外。每天可填多段，如“09:00-12:00, 13:30-17:30”；留空表示不办公。法定节假日不办公，调休上班日按星期一的办公时间。',
    save: '保存办公时间',
    saved: '办公时间已保存',
    invalid: '格式应为“09:00-12:00, 13:30-17:30”',
    today: '当日办公时间：{{periods}}',
    none: '不办公',
  },
  accompany: {
    title: '陪办记录',
    record: '登记陪办',
    destination: '陪同前往（窗口或部门）',
    note: '备注',
    by: '{{name}} 陪同前往 {{destination}}',
    none: '暂无陪办记录',
  },
};

/** Field problems of 错时/延时 appointments and office hours. */
export const hallFieldsZh = {
  'within-office-hours': '该时间在办公时间内，错时/延时服务须预约在办公时间以外（办公时间见系统设置）',
  'period-order': '结束时间须晚于开始时间',
  'periods-overlap': '同一天的办公时段不能重叠',
};
