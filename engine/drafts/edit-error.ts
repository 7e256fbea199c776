import { EngineError } from '../errors.js';

/**
 * An edit the draft cannot take (an id already used, an inherited parameter with nothing to
 * remove). `path` points at the offending field of the edit, as a JSON pointer.
 */
export class DraftEditError extends EngineError {
  constructor(
    readonly path: string,
    message: string,
    messageZh: string,
  ) {
    super('DRAFT_EDIT_INVALID', message, messageZh);
  }
}
