// Settings of the supervisor tools (an administrator edits them).
import { z } from 'zod';

/** Follow-up deadline, rating ticket life, backups and retention. */
export const supervisorSettingsSchema = z
  .object({
    /** 差评 follow-up deadline in working days (domain-facts §4: 15 by default, 5 where a district follows 梁平). */
    followUpWorkingDays: z.number().int().min(1).max(60),
    /** How long a rating ticket opened by the clerk stays valid on the customer screen. */
    ratingTicketMinutes: z.number().int().min(1).max(60),
    backup: z
      .object({
        /** Absolute folder for scheduled backups; null = `<dataDir>/backups/scheduled`. */
        folder: z.string().trim().min(1).max(400).nullable(),
        intervalHours: z.number().int().min(1).max(168),
        keep: z.number().int().min(1).max(365),
        /** The dashboard warns when the last good backup is older than this. */
        warnAfterHours: z.number().int().min(1).max(720),
      })
      .strict(),
    retention: z
      .object({
        /** Personal data of finished cases is purged this many days after they finished. */
        days: z.number().int().min(30).max(3650),
        /** Run the purge once a day in the background. */
        auto: z.boolean(),
      })
      .strict(),
  })
  .strict();

/** Settings of the supervisor tools. */
export type SupervisorSettings = z.infer<typeof supervisorSettingsSchema>;

/** What a new installation starts with. */
export const DEFAULT_SUPERVISOR_SETTINGS: SupervisorSettings = {
  followUpWorkingDays: 15,
  ratingTicketMinutes: 10,
  backup: { folder: null, intervalHours: 24, keep: 14, warnAfterHours: 36 },
  retention: { days: 180, auto: true },
};
