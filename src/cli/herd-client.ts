import { sleep } from '../common/scheduling';

/** A small typed client of herd's HTTP API, used by the demo, the benchmark and the chaos drill. */
export class HerdClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { Authorization: `Bearer ${this.apiKey}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new HerdApiError(method, path, response.status, parsed);
    return parsed as T;
  }

  get<T = any>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return this.request<T>('POST', path, body ?? {}, headers);
  }

  put<T = any>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  delete<T = any>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** Polls the operation until it ends; `onProgress` sees every change of percent or step. */
  async waitForOperation(operationId: string, options: { timeoutMs?: number; intervalMs?: number; onProgress?: (operation: OperationView) => void } = {}): Promise<OperationView> {
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    let seen = '';
    for (;;) {
      const operation = await this.get<OperationView>(`/v1/operations/${operationId}`);
      const signature = `${operation.percent}|${operation.step}|${operation.status}`;
      if (signature !== seen) {
        seen = signature;
        options.onProgress?.(operation);
      }
      if (operation.status !== 'queued' && operation.status !== 'running') return operation;
      if (Date.now() > deadline) throw new Error(`operation ${operationId} still ${operation.status} at ${operation.percent}% (${operation.step}) after ${options.timeoutMs ?? 120_000} ms`);
      await sleep(options.intervalMs ?? 100);
    }
  }
}

export interface OperationView {
  id: string;
  type: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  percent: number;
  step: string | null;
  error: string | null;
}

export class HerdApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${path} answered ${status}: ${JSON.stringify(body)}`);
    this.name = 'HerdApiError';
  }
}
