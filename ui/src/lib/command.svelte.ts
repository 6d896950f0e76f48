// One way for a screen to run backend commands: `busy` while any is out, the newest answer wins (commands wait for
// the workspace, so answers can arrive out of order), a failure is kept in `error` until the next success or until
// the person closes it. Every screen uses this instead of its own try/catch/finally.
import { errorOf, type AppErrorDto } from "../ipc";

export class Commands {
  busy = $state(false);
  error = $state<AppErrorDto | null>(null);
  #sent = 0;
  #applied = 0;
  #running = 0;

  /**
   * Runs `command` and hands its answer to `apply` unless the answer of a later request was applied already.
   * Resolves true when the command succeeded (even if its answer was superseded), false when it failed.
   */
  async run<T>(command: () => Promise<T>, apply: (answer: T) => void = () => {}): Promise<boolean> {
    const request = ++this.#sent;
    this.#running += 1;
    this.busy = true;
    try {
      const answer = await command();
      if (request > this.#applied) {
        this.#applied = request;
        apply(answer);
        this.error = null;
      }
      return true;
    } catch (caught: unknown) {
      this.error = errorOf(caught);
      return false;
    } finally {
      this.#running -= 1;
      this.busy = this.#running > 0;
    }
  }

  /** Shows a problem found before sending (a file too large, …) the way a failed command's is shown. */
  report(error: AppErrorDto): void {
    this.error = error;
  }

  dismiss(): void {
    this.error = null;
  }
}
