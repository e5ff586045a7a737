type Method = (...args: never[]) => Promise<unknown>;

/**
 * Makes a race deterministic: runs `during` while the next call of `service[method]` is held,
 * then lets that call go on, and answers what `first` answered. `at: 'door'` holds the call
 * before it runs (it has read only what its caller read); `at: 'return'` holds it after it ran,
 * before its caller goes on. Private methods too (the name is looked up at run time).
 */
export async function holding<T>(service: object, method: string, at: 'door' | 'return', first: () => PromiseLike<T>, during: () => PromiseLike<unknown>): Promise<T> {
  const target = service as Record<string, Method>;
  const original = target[method]!;
  let entered!: () => void;
  const reached = new Promise<void>((resolve) => (entered = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  target[method] = async (...args: never[]) => {
    target[method] = original;
    if (at === 'door') {
      entered();
      await released;
      return original.apply(service, args);
    }
    const result = await original.apply(service, args);
    entered();
    await released;
    return result;
  };
  try {
    // A Supertest request is sent when it is awaited: resolving it starts it.
    const pending = Promise.resolve(first());
    await reached;
    await during();
    release();
    return await pending;
  } finally {
    // Never leave a call held (a failed `during` would keep its request open past the test).
    release();
    target[method] = original;
  }
}
