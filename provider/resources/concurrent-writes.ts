/** How many membership writes one resource sends at once. */
export const MEMBERSHIP_WRITE_CONCURRENCY = 8;

/**
 * Runs `task` for every item, at most `concurrency` at a time, and reports every failure instead of stopping at the
 * first: one bad user id must not hide whether the other thousand changes went through.
 */
export async function forEachConcurrently<T>(
    items: readonly T[],
    concurrency: number,
    task: (item: T) => Promise<void>,
): Promise<{ done: T[]; failed: { item: T; error: Error }[] }> {
    const done: T[] = [];
    const failed: { item: T; error: Error }[] = [];
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const item = items[next++];
            try {
                await task(item);
                done.push(item);
            } catch (err) {
                failed.push({ item, error: err as Error });
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    return { done, failed };
}
