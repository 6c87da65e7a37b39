import { AppError } from '@common/errors';
import { generateDeviceKeys } from './device-keys';
import { unsignedRequest } from './gateway-client';
import type { SyncDevice } from './sync-repo';
import { enrollResponseSchema } from '@tongban/protocol/sync/replies';

/** Enrols this window with the gateway using a one-time code; returns the device to store. */
export async function enrolDevice(input: {
  gatewayUrl: string;
  code: string;
  windowCode: string;
  hallDivision: string;
  deviceName: string;
  now: () => Date;
  timeoutMs?: number;
}): Promise<SyncDevice> {
  const keys = generateDeviceKeys();
  const url = `${input.gatewayUrl.replace(/\/$/, '')}/v1/enroll`;
  const sentAt = input.now().getTime();
  const reply = await unsignedRequest(
    url,
    'POST',
    {
      code: input.code,
      publicKey: keys.publicKeyRaw,
      windowCode: input.windowCode,
      hallDivision: input.hallDivision,
      deviceName: input.deviceName,
    },
    input.timeoutMs ?? 15_000,
  );
  if (reply.status === null) throw new AppError('unavailable', `gateway unreachable: ${reply.transportError ?? ''}`);
  if (reply.status === 401)
    throw new AppError('invalid-credentials', 'enrolment code rejected', {
      fields: [{ path: 'code', code: 'enrolment-code-invalid' }],
    });
  if (reply.status !== 201) throw new AppError('unavailable', `gateway answered ${reply.status}`);
  const parsed = enrollResponseSchema.safeParse(reply.body);
  if (!parsed.success) throw new AppError('unavailable', 'gateway answered an unreadable enrolment');
  const body = parsed.data;
  // The device's clock may be wrong; signatures carry the gateway's time, estimated at the request's midpoint.
  const midpoint = (sentAt + input.now().getTime()) / 2;
  return {
    gatewayUrl: input.gatewayUrl.replace(/\/$/, ''),
    deviceId: body.deviceId,
    epoch: body.epoch,
    district: body.district,
    publicKey: keys.publicKeyRaw,
    privateKey: keys.privateKeyPem,
    clockOffsetMs: Math.round(Date.parse(body.serverTime) - midpoint),
    enrolledAt: input.now().toISOString(),
    revokedAt: null,
    catalogueKey: body.catalogueKey ?? null,
  };
}
