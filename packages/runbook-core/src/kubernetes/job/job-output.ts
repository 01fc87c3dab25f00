import { StreamRedactor } from '../../run/stream-redactor.ts';

/**
 * The output of a Job step as it arrives: secret values masked as the local
 * runner masks them (also when split across chunks), passed on at once, and
 * kept in memory up to a bound, the end being what matters after a failure.
 */
export class JobOutput {
  private readonly redactor: StreamRedactor;
  private kept = '';
  private dropped = 0;
  /** Characters received so far, before masking: where a later full read resumes. */
  received = 0;

  constructor(
    secrets: readonly string[],
    private readonly onOutput: ((text: string) => void) | undefined,
    private readonly maxChars: number,
  ) {
    this.redactor = new StreamRedactor(secrets);
  }

  push(text: string): void {
    this.received += text.length;
    this.emit(this.redactor.push(text));
  }

  /** Passes on what the redactor held back; call once the log has ended. */
  flush(): void {
    this.emit(this.redactor.flush());
  }

  get text(): string {
    return this.dropped > 0 ? `[… ${this.dropped} earlier characters not kept …]\n${this.kept}` : this.kept;
  }

  private emit(text: string): void {
    if (text === '') return;
    this.onOutput?.(text);
    this.kept += text;
    if (this.kept.length > this.maxChars) {
      const cut = this.kept.length - this.maxChars;
      this.kept = this.kept.slice(cut);
      this.dropped += cut;
    }
  }
}
