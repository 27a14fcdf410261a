import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpanRecorder } from '../testing/span-recorder.js';
import { currentTraceparent, injectTraceHeaders, startTracing, stopTracing, untraced, withSpan } from './tracing.js';

describe('untraced work', () => {
  const recorder = createSpanRecorder();
  beforeAll(() => startTracing('tracing-test', {}, [recorder.processor]));
  afterAll(() => stopTracing());

  it('records no spans, and tells the services it calls not to record theirs', async () => {
    const sent = await untraced(() =>
      withSpan('test', 'fan-out', {}, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return withSpan('test', 'call', {}, async () => injectTraceHeaders({}));
      }),
    );
    expect(recorder.exporter.getFinishedSpans()).toEqual([]);
    // W3C traceparent: version-traceid-spanid-flags, 00 = not sampled.
    expect(sent.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
  });

  it('leaves the caller traced once it is done', async () => {
    await withSpan('test', 'request', {}, async () => {
      await untraced(async () => undefined);
      await withSpan('test', 'after', {}, async () => expect(currentTraceparent()).toMatch(/-01$/));
    });
    expect(recorder.exporter.getFinishedSpans().map((span) => span.name)).toEqual(['after', 'request']);
  });
});
