// The content check is shared with the gateway (ticket files a reviewer attaches): packages/protocol.
export { sniffScanType, type ScanMediaType } from '@tongban/protocol/sync/file-type';
