// Placeholder: the Electron shell is being written (window factory, app:// protocol, IPC binding).
import { app } from 'electron';

void app.whenReady();
