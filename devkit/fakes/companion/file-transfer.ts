// The companion's "file-transfer" module: files queued for the watch are recorded, not sent.
export const outbox = {
  queued: [] as { name: string; size: number }[],
  enqueue(name: string, data: ArrayBuffer | Uint8Array): Promise<{ name: string }> {
    this.queued.push({ name, size: data.byteLength });
    return Promise.resolve({ name });
  },
};
