// 培训模式 (issue #17): what the rest of the app needs to know about it, pure.

/** The watermark every document printed in training mode carries (PDF and thermal). */
export const TRAINING_WATERMARK = '培训样例 不具法律效力';

/** The training data folder, inside the window's data folder: its own encrypted database, logs and printouts. */
export const TRAINING_DIR_NAME = 'training';
