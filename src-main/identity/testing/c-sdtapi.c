/*
 * Test support: a native stand-in for the vendor's sdtapi library (libsdtapi.so), compiled by the
 * test with the system C compiler and loaded by sdtapi-helper through the real koffi, so the FFI
 * signatures (byte buffers, out-parameter lengths, return codes) are exercised for real.
 * The card is the files text.bin (text block) and photo.bin (WLT block) in $TONGBAN_C_SDTAPI_DIR;
 * the reader answers on USB port 1001 only. Same return codes as the public SDK headers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SDT_OK 0x90
#define SDT_CARD_FOUND 0x9f
#define SDT_FIND_FAILED 0x80
#define SDT_SELECT_FAILED 0x81
#define SDT_READ_FAILED 0x41
#define SDT_PORT_OPEN_FAILED 0x01

static int open_port = 0;
static int found = 0;

static unsigned int read_file(const char *name, unsigned char *out, unsigned int max) {
  const char *dir = getenv("TONGBAN_C_SDTAPI_DIR");
  char path[1024];
  if (!dir) return 0;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  size_t n = fread(out, 1, max, f);
  fclose(f);
  return (unsigned int)n;
}

int SDT_OpenPort(int iPort) {
  if (iPort != 1001) return SDT_PORT_OPEN_FAILED;
  open_port = iPort;
  return SDT_OK;
}

int SDT_ClosePort(int iPort) {
  if (iPort == open_port) open_port = 0;
  found = 0;
  return SDT_OK;
}

int SDT_StartFindIDCard(int iPort, unsigned char *pucManaInfo, int iIfOpen) {
  unsigned char probe[1];
  (void)iIfOpen;
  found = 0;
  if (iPort != open_port || read_file("text.bin", probe, 1) == 0) return SDT_FIND_FAILED;
  memset(pucManaInfo, 0, 4);
  found = 1;
  return SDT_CARD_FOUND;
}

int SDT_SelectIDCard(int iPort, unsigned char *pucManaMsg, int iIfOpen) {
  (void)iIfOpen;
  if (iPort != open_port || !found) return SDT_SELECT_FAILED;
  memset(pucManaMsg, 0, 8);
  return SDT_OK;
}

int SDT_ReadBaseMsg(int iPort, unsigned char *pucCHMsg, unsigned int *puiCHMsgLen, unsigned char *pucPHMsg,
                    unsigned int *puiPHMsgLen, int iIfOpen) {
  (void)iIfOpen;
  if (iPort != open_port || !found) return SDT_READ_FAILED;
  *puiCHMsgLen = read_file("text.bin", pucCHMsg, 256);
  *puiPHMsgLen = read_file("photo.bin", pucPHMsg, 1024);
  return *puiCHMsgLen > 0 ? SDT_OK : SDT_READ_FAILED;
}
