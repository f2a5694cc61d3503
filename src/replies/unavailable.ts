import { NewsroomLoadingError, NewsroomRestartingError } from '../newsroom/desk.js';

/**
 * What to tell someone whose question reached the newsroom while it could not answer (still
 * loading, or restarting after a crash); null for any other error.
 */
export function unavailableMessage(err: unknown): string | null {
  if (err instanceof NewsroomLoadingError || (err as Error | null)?.name === 'NewsroomLoadingError') {
    const { loaded, total } = err as NewsroomLoadingError;
    const count = total > 0 ? ` (${loaded} of ${total})` : '';
    return `Still loading the articles${count}, try again in a moment.`;
  }
  if (err instanceof NewsroomRestartingError || (err as Error | null)?.name === 'NewsroomRestartingError') {
    return 'One moment — newsbot is restarting its newsroom. Try again in a few seconds.';
  }
  return null;
}
