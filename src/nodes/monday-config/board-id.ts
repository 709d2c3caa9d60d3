import { CrmError } from '../../core/errors';

/** The board a message is about: msg.boardId, else the node's own setting. */
export function boardIdFor(msg: Record<string, unknown>, configured: string | undefined): string {
  const boardId = String(msg.boardId ?? configured ?? '').trim();
  if (!boardId) {
    const message = 'No board id: set it on the node or in msg.boardId';
    throw new CrmError('INVALID_INPUT', message, { params: { message } });
  }
  return boardId;
}
