// Typed arrays to and from the bytes of a block column (BLOB / BYTEA), little-endian as every supported host is.
import { endianness } from 'node:os';

if (endianness() !== 'LE') throw new Error('planning blocks are stored little-endian; this host is big-endian');

export function toBytes(array: Int32Array | Float32Array | Float64Array): Uint8Array {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** Copies, so the typed array is aligned and owned (a driver's Buffer may be a view into a shared pool). */
function copyOf(bytes: Uint8Array, width: number): ArrayBuffer {
  const length = bytes.byteLength - (bytes.byteLength % width);
  const copy = new ArrayBuffer(length);
  new Uint8Array(copy).set(bytes.subarray(0, length));
  return copy;
}

export function int32s(bytes: Uint8Array): Int32Array {
  return new Int32Array(copyOf(bytes, 4));
}

export function float32s(bytes: Uint8Array): Float32Array {
  return new Float32Array(copyOf(bytes, 4));
}

export function float64s(bytes: Uint8Array): Float64Array {
  return new Float64Array(copyOf(bytes, 8));
}

/** The same values in an array of at least `length` entries (zeros after the old end). */
export function grown<T extends Int32Array | Float32Array>(array: T, length: number): T {
  if (array.length >= length) return array;
  const bigger = new (array.constructor as { new (n: number): T })(length);
  bigger.set(array);
  return bigger;
}
