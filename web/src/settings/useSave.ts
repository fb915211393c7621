import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/I18nProvider.js';

/** Runs a settings change, refreshes the affected list, and keeps the error to show beside the form. */
export function useSave(queryKey: string) {
  const client = useQueryClient();
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  async function run<T>(fn: () => Promise<T>): Promise<T | null> {
    setError(null);
    try {
      const result = await fn();
      await client.invalidateQueries({ queryKey: [queryKey] });
      return result;
    } catch (err) {
      setError(t('common.error', { message: err instanceof ApiError ? err.message : String(err) }));
      return null;
    }
  }
  return { run, error };
}
