import { describe, expect, it } from 'vitest';
import { cameraConstraints, chooseCamera, frameSize, photoFileName, problemOf, videoInputs } from './camera';

const DOC_CAMERA = { deviceId: 'doc-cam-id', label: '高拍仪 S1000' };
const WEBCAM = { deviceId: 'webcam-id', label: 'Integrated Webcam' };

describe('choosing the camera', () => {
  it('lists only video inputs', () => {
    expect(
      videoInputs([
        { kind: 'audioinput', deviceId: 'mic', label: '麦克风' },
        { kind: 'videoinput', deviceId: 'doc-cam-id', label: '高拍仪 S1000' },
        { kind: 'audiooutput', deviceId: 'spk', label: '扬声器' },
      ]),
    ).toEqual([DOC_CAMERA]);
  });

  it('opens the chosen camera by id, or by its name when the browser gave it a new id', () => {
    expect(chooseCamera([WEBCAM, DOC_CAMERA], DOC_CAMERA)).toEqual({ ok: true, deviceId: 'doc-cam-id' });
    expect(chooseCamera([WEBCAM, { ...DOC_CAMERA, deviceId: 'new-id' }], DOC_CAMERA)).toEqual({
      ok: true,
      deviceId: 'new-id',
    });
  });

  it('uses the system default when none was chosen', () => {
    expect(chooseCamera([WEBCAM], { deviceId: '', label: '' })).toEqual({ ok: true, deviceId: null });
  });

  it('reports no camera, and a chosen camera that is not connected (never silently another one)', () => {
    expect(chooseCamera([], { deviceId: '', label: '' })).toEqual({ ok: false, problem: 'no-camera' });
    expect(chooseCamera([], DOC_CAMERA)).toEqual({ ok: false, problem: 'no-camera' });
    expect(chooseCamera([WEBCAM], DOC_CAMERA)).toEqual({ ok: false, problem: 'camera-missing' });
    expect(chooseCamera([{ deviceId: 'other', label: '' }], { deviceId: 'gone', label: '' })).toEqual({
      ok: false,
      problem: 'camera-missing',
    });
  });
});

describe('constraints', () => {
  it('video only, the exact device, 1080p ideal', () => {
    expect(cameraConstraints('doc-cam-id')).toEqual({
      audio: false,
      video: { deviceId: { exact: 'doc-cam-id' }, width: { ideal: 1920 }, height: { ideal: 1080 } },
    });
    expect(cameraConstraints(null)).toEqual({
      audio: false,
      video: { width: { ideal: 1920 }, height: { ideal: 1080 } },
    });
  });
});

describe('getUserMedia failures', () => {
  const failure = (name: string) => Object.assign(new Error('whatever the browser says'), { name });

  it('maps the DOMException names to problems the clerk can act on', () => {
    expect(problemOf(failure('NotAllowedError'), true)).toBe('denied');
    expect(problemOf(failure('SecurityError'), false)).toBe('denied');
    expect(problemOf(failure('NotFoundError'), false)).toBe('no-camera');
    expect(problemOf(failure('NotFoundError'), true)).toBe('camera-missing');
    expect(problemOf(failure('OverconstrainedError'), true)).toBe('camera-missing');
    expect(problemOf(failure('NotReadableError'), true)).toBe('busy');
    expect(problemOf(failure('AbortError'), false)).toBe('busy');
    expect(problemOf(failure('TypeError'), false)).toBe('failed');
    expect(problemOf({ name: 'NotAllowedError', message: '' }, false)).toBe('denied');
    expect(problemOf('weird', false)).toBe('failed');
    expect(problemOf(null, false)).toBe('failed');
  });
});

describe('the captured frame', () => {
  it('keeps the camera’s resolution, scaled down only beyond the limit', () => {
    expect(frameSize({ width: 1920, height: 1080 })).toEqual({ width: 1920, height: 1080 });
    expect(frameSize({ width: 8192, height: 6144 })).toEqual({ width: 4096, height: 3072 });
    expect(frameSize({ width: 0, height: 0 })).toEqual({ width: 0, height: 0 });
  });

  it('is named by the China time it was taken', () => {
    expect(photoFileName(new Date('2026-11-30T02:15:02.000Z'))).toBe('拍照-20261130-101502.jpg');
    expect(photoFileName(new Date('2026-11-30T17:00:00.000Z'))).toBe('拍照-20261201-010000.jpg');
  });
});
