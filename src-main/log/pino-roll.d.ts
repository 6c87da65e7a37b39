// pino-roll 4 ships no types; what this project uses of it.
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';

  interface PinoRollOptions {
    file: string;
    size?: number | string;
    frequency?: number | string;
    extension?: string;
    mkdir?: boolean;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    minLength?: number;
    sync?: boolean;
    fsync?: boolean;
  }

  function pinoRoll(options: PinoRollOptions): Promise<SonicBoom>;
  export = pinoRoll;
}
