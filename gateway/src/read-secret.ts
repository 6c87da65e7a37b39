// Reads a password for an admin command without it ever being on the command line (visible in `ps`):
// typed at a prompt with echo off when standard input is a terminal, else the first line of standard input.

/** The first line of a non-terminal standard input. */
function readLine(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) {
        input.pause();
        resolve(text.split(/\r?\n/)[0] as string);
      }
    });
    input.on('end', () => resolve(text.split(/\r?\n/)[0] as string));
    input.on('error', reject);
  });
}

/** Prompts on stderr and reads one line with echo off. */
function promptHidden(prompt: string, input: NodeJS.ReadStream): Promise<string> {
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.resume();
    const done = (value: string | null) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', onData);
      process.stderr.write('\n');
      if (value === null) reject(new Error('cancelled'));
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(text);
        if (ch === '\u0003' || ch === '\u0004') return done(null);
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else text += ch;
      }
    };
    input.on('data', onData);
  });
}

/** A new password: prompted twice on a terminal, or one line from a pipe (`printf '%s\n' "$PW" | …`). */
export async function readNewPassword(input: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (!input.isTTY) return readLine(input);
  const first = await promptHidden('新密码 / new password: ', input);
  const second = await promptHidden('再输入一次 / again: ', input);
  if (first !== second) throw new Error('两次输入的密码不一致 / the passwords differ');
  return first;
}
