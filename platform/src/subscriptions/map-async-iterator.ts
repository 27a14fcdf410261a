// Maps each item of an async iterator, passing return() through so closing the result closes the source.
export function mapAsyncIterator<T, U>(source: AsyncIterator<T>, map: (item: T) => Promise<U> | U): AsyncIterableIterator<U> {
  const close = async (): Promise<IteratorResult<U>> => {
    await source.return?.();
    return { value: undefined, done: true };
  };
  return {
    async next() {
      const item = await source.next();
      if (item.done) return { value: undefined, done: true };
      return { value: await map(item.value), done: false };
    },
    return: close,
    async throw(error?: unknown) {
      if (source.throw) await source.throw(error);
      else await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
