// A page of an ERP change feed: the records changed after a cursor, in change order.
export interface ChangePage<T> {
  records: T[];
  /** Pass back to get the changes after this page; stable across restarts. */
  cursor: string;
  hasMore: boolean;
}

/** The ERP failed to answer (down, timed out, refused); callers degrade or retry. */
export class ErpUnavailableError extends Error {
  constructor(message = 'ERP unavailable', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ErpUnavailableError';
  }
}

/** The ERP answered but refused the request (e.g. an adjustment that would take stock below zero). */
export class ErpRejectedError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = 'ErpRejectedError';
  }
}

export type Channel = 'STORE' | 'ECOMMERCE' | 'MOBILE';
export const CHANNELS: Channel[] = ['STORE', 'ECOMMERCE', 'MOBILE'];
