// WTR command plugin: runs `node scripts/start.mjs --port 0` (exactly what `npm start` runs after
// its build) so tests can drive the real demo and its embedded broker:
//   executeServerCommand('demo-server', { action: 'start' }) -> { origin }
//   executeServerCommand('demo-server', { action: 'stop' })
import { spawn } from 'node:child_process';

export function demoServerPlugin() {
  let proc;
  let origin;
  async function stop() {
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (proc.exitCode === null) proc.kill('SIGKILL');
  }
  return {
    name: 'demo-server',
    async executeCommand({ command, payload }) {
      if (command !== 'demo-server') return undefined;
      if (payload?.action === 'stop') {
        await stop();
        return true;
      }
      if (proc && proc.exitCode === null) return { origin };
      proc = spawn(process.execPath, ['scripts/start.mjs', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      origin = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`demo server did not start:\n${output}`)), 15000);
        const onData = (chunk) => {
          output += chunk;
          const match = output.match(/rtc-elements demo:\s+(http:\/\/\S+?)\/\s/);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        proc.stdout.on('data', onData);
        proc.stderr.on('data', onData);
        proc.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`demo server exited ${code}:\n${output}`));
        });
      });
      return { origin };
    },
    async serverStop() {
      await stop();
    },
  };
}
