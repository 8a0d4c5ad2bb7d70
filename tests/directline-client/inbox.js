'use strict';

/**
 * Everything one DirectLine client receives on activity$, in arrival order, with waits on what should arrive.
 * A wait that runs out rejects with what did arrive, so a failing run says what the server sent instead.
 */
class ActivityInbox {
  constructor(directLine, timeoutMs) {
    this.received = [];
    this.errors = [];
    this.timeoutMs = timeoutMs;
    this.waiters = [];
    this.subscription = directLine.activity$.subscribe(
      (activity) => {
        this.received.push(activity);
        this.waiters = this.waiters.filter((waiter) => !waiter.tryResolve());
      },
      (error) => this.errors.push(error));
  }

  /** Resolves with the first received activity that matches, waiting for it if it has not arrived yet. */
  waitFor(description, predicate) {
    return new Promise((resolve, reject) => {
      const waiter = {
        tryResolve: () => {
          const found = this.received.find(predicate);
          if (found === undefined) {
            return false;
          }
          clearTimeout(waiter.timer);
          resolve(found);
          return true;
        },
      };
      if (waiter.tryResolve()) {
        return;
      }
      waiter.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${description}; received:\n${this.describe()}`));
      }, this.timeoutMs);
      this.waiters.push(waiter);
    });
  }

  indexOf(activity) {
    return this.received.indexOf(activity);
  }

  describe() {
    const lines = this.received.map((a) =>
      `  ${a.type} id=${a.id} from=${a.from && a.from.id} replyTo=${a.replyToId || '-'} text=${JSON.stringify((a.text || '').slice(0, 60))}`);
    if (this.errors.length > 0) {
      lines.push(`  activity$ errors: ${this.errors.map(String).join('; ')}`);
    }
    return lines.join('\n') || '  (nothing)';
  }

  close() {
    this.subscription.unsubscribe();
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
    }
    this.waiters = [];
  }
}

module.exports = { ActivityInbox };
