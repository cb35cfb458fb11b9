/**
 * `npm start` runs the stack under `sh -c "npm run build && node ..."`. `kill <npm pid>` ends npm and the shell,
 * but the shell does not pass the signal on, so the stack would live on, re-parented, holding every port. No
 * signal reaches it; its parent pid changing is the sign. Checked twice a second (a cheap syscall).
 */
export function whenOrphaned(onOrphaned: () => void, intervalMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
