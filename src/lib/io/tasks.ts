/**
 * Waiting for a later task, so long work is cut into pieces the page (or a worker's message queue) can
 * come between.
 */

/** The next task: a zero timeout. Browsers hold a chain of them back 4 ms each after the first few. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A later task without that 4 ms, for work sent in ~100 pieces: a message to ourselves, or a timeout
 * where there are no message channels.
 */
export function nextMessageTask(): Promise<void> {
  if (typeof MessageChannel !== 'function') return nextTask();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
