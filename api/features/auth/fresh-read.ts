/**
 * A value read from the database by a query that started after the caller asked: callers that
 * arrive while a read is under way wait for the next one, which they all share. So however many
 * requests come in, one query runs at a time, and no caller gets an answer older than its call.
 */
export class FreshRead<T> {
  private running?: Promise<T>;
  private next?: Promise<T>;

  constructor(private readonly query: () => Promise<T>) {}

  read(): Promise<T> {
    if (!this.running) return this.start();
    this.next ??= this.running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.next = undefined;
        return this.start();
      });
    return this.next;
  }

  private start(): Promise<T> {
    const query = this.query();
    this.running = query;
    const done = () => {
      if (this.running === query) this.running = undefined;
    };
    query.then(done, done);
    return query;
  }
}
