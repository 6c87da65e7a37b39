/** Field problem codes of the camera settings (merged into `fields`). */
export const cameraFieldsEn = {
  'camera-device-format': 'Malformed camera id; press Detect cameras and choose again',
};

export const cameraEn = {
  button: 'Photo',
  title: 'Photograph: {{material}}',
  preview: 'Live camera picture',
  opening: 'Opening the camera…',
  hint: 'Lay the document flat under the document camera; when it is sharp with all four corners in view, press Capture.',
  shotHint: 'Check that the photo is sharp and complete; press Retake if not.',
  shotAlt: 'The captured photo',
  take: 'Capture',
  retake: 'Retake',
  use: 'Use this photo',
  cancel: 'Cancel',
  retry: 'Retry',
  nothingSaved: 'No photo was saved. Check the camera and retry, or use Upload scan instead.',
  shotKept: 'The photo already taken can still be used; to retake, reconnect the camera and press Retry.',
  saveFailed: 'The photo was not saved',
  problems: {
    unsupported: 'This environment cannot use a camera; use Upload scan instead',
    'no-camera': 'No camera found; connect a document camera or webcam and retry',
    'camera-missing':
      'The camera chosen in Settings is not connected; check the cable, or ask the administrator to choose again under Settings → Document camera',
    denied: 'Camera access was denied; allow this app to use the camera in the browser or system settings and retry',
    busy: 'The camera could not start; another program may be using it. Close it and retry',
    disconnected: 'The camera was disconnected; reconnect it and press Retry',
    'capture-failed': 'No frame could be captured; wait a moment and press Capture again',
    failed: 'The camera could not be opened; retry or use Upload scan instead',
  },
  settings: {
    section: 'Document camera',
    intro:
      'Paper documents can be photographed at intake with a document camera or webcam; photos are stored and checked like uploaded scans. Choose this window’s camera here.',
    device: 'Camera',
    deviceHelp:
      'System default uses the operating system’s default device; choose the document camera if there is one.',
    systemDefault: 'System default camera',
    unnamed: 'Camera {{n}}',
    notConnected: '{{name}} (not connected)',
    namesHidden: 'Camera access has not been allowed yet, so device names are hidden. Press Detect cameras.',
    detect: 'Detect cameras',
    preview: 'Preview',
    stopPreview: 'Stop preview',
    save: 'Save camera settings',
    saved: 'Camera settings saved',
  },
};
