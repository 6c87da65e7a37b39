// Messages between the app and the sdtapi helper process, and the standard library's API
// (公安部 sdtapi: SDT_OpenPort → SDT_StartFindIDCard → SDT_SelectIDCard → SDT_ReadBaseMsg → SDT_ClosePort).

/** Return codes of the standard library (public SDK headers). */
export const SDT = {
  OK: 0x90,
  CARD_FOUND: 0x9f,
  FIND_FAILED: 0x80,
  SELECT_FAILED: 0x81,
  READ_FAILED: 0x41,
  PORT_OPEN_FAILED: 0x01,
} as const;

/** Ports the library knows: USB 1001-1016, serial 1-16; 'auto' tries USB first. */
export const AUTO_PORTS: readonly number[] = [
  ...Array.from({ length: 16 }, (_, i) => 1001 + i),
  ...Array.from({ length: 16 }, (_, i) => 1 + i),
];

/** Text and photo block sizes of SDT_ReadBaseMsg. */
export const TEXT_BYTES = 256;
export const PHOTO_BYTES = 1024;

/**
 * The five functions, as bound through koffi (out-parameter lengths are one-element arrays) and as
 * the test fake implements them.
 */
export interface SdtLibrary {
  SDT_OpenPort(port: number): number;
  SDT_ClosePort(port: number): number;
  SDT_StartFindIDCard(port: number, manaInfo: Uint8Array, ifOpen: number): number;
  SDT_SelectIDCard(port: number, manaMsg: Uint8Array, ifOpen: number): number;
  SDT_ReadBaseMsg(
    port: number,
    text: Uint8Array,
    textLen: number[],
    photo: Uint8Array,
    photoLen: number[],
    ifOpen: number,
  ): number;
}

/** App → helper: probe the port, or run one complete read. */
export interface HelperRequest {
  id: number;
  op: 'probe' | 'read';
  port: number | 'auto';
}

/** Failure codes the helper reports for one request. */
export type HelperFailureCode = 'reader-no-card' | 'reader-unavailable' | 'reader-error';

/** Helper → app. */
export type HelperMessage =
  | { type: 'ready' }
  | { type: 'fatal'; code: 'reader-library-missing'; message: string }
  | { type: 'result'; id: number; ok: true; port: number; text?: string; photo?: string }
  | {
      type: 'result';
      id: number;
      ok: false;
      code: HelperFailureCode;
      message: string;
      reason?: string;
      status?: number;
    };
