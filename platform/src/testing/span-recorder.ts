// Records finished spans in memory, so a test can follow one trace through the services.
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

export function createSpanRecorder() {
  const exporter = new InMemorySpanExporter();
  return { exporter, processor: new SimpleSpanProcessor(exporter) };
}
