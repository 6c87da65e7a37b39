import { z } from 'zod';
import { cameraSettingsSchema, DEFAULT_CAMERA_SETTINGS, type CameraSettings } from '@common/contract/foundation';
import {
  DEFAULT_SECURITY_POLICY,
  hallSchema,
  securityPolicySchema,
  type Hall,
  type SecurityPolicy,
} from '@common/hall';
import { DEFAULT_OFFICE_HOURS, officeHoursSchema, type OfficeHours } from '@common/hall-services';
import type { SettingsRepo } from './settings-repo';

/** Typed access to the installation's settings. */
export class SettingsStore {
  constructor(private readonly repo: SettingsRepo) {}

  hall(): Hall | null {
    return this.repo.get('hall', hallSchema);
  }

  setHall(hall: Hall): void {
    this.repo.set('hall', hall);
  }

  security(): SecurityPolicy {
    return this.repo.get('security', securityPolicySchema) ?? DEFAULT_SECURITY_POLICY;
  }

  setSecurity(policy: SecurityPolicy): void {
    this.repo.set('security', policy);
  }

  /** The hall's office hours (错时/延时 appointments lie outside them). */
  officeHours(): OfficeHours {
    return this.repo.get('officeHours', officeHoursSchema) ?? DEFAULT_OFFICE_HOURS;
  }

  setOfficeHours(hours: OfficeHours): void {
    this.repo.set('officeHours', hours);
  }

  camera(): CameraSettings {
    return this.repo.get('camera', cameraSettingsSchema) ?? DEFAULT_CAMERA_SETTINGS;
  }

  setCamera(camera: CameraSettings): void {
    this.repo.set('camera', camera);
  }

  /** 扫码核验: the public address of the verification pages when it differs from the enrolled gateway's. */
  verifyBaseUrl(): string | null {
    return this.repo.get('verify.baseUrl', z.url({ protocol: /^https?$/ }).nullable()) ?? null;
  }

  setVerifyBaseUrl(url: string | null): void {
    this.repo.set('verify.baseUrl', url);
  }
}
