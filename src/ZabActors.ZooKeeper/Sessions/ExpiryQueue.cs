namespace ZabActors.ZooKeeper.Sessions;

/// <summary>
/// ZooKeeper's ExpiryQueue: items grouped into buckets by expiration time rounded up to the next
/// multiple of <see cref="IntervalMs"/>, so expiry runs once per interval and a touch only moves an
/// item when it changes bucket. Times are milliseconds from the caller's clock; nothing here reads one.
/// </summary>
public sealed class ExpiryQueue<T>
    where T : notnull
{
    private readonly Dictionary<T, long> expiryOf = [];
    private readonly SortedDictionary<long, HashSet<T>> buckets = [];

    public ExpiryQueue(long intervalMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(intervalMs, 0);
        IntervalMs = intervalMs;
    }

    public long IntervalMs { get; }

    public int Count => expiryOf.Count;

    /// <summary>The next bucket's time, or null when empty.</summary>
    public long? NextExpiration => buckets.Count == 0 ? null : buckets.Keys.First();

    /// <summary>Sets <paramref name="item"/> to expire <paramref name="timeoutMs"/> after <paramref name="nowMs"/>; the new bucket time.</summary>
    public long Update(T item, long nowMs, long timeoutMs)
    {
        var expiration = RoundUp(nowMs + timeoutMs);
        if (expiryOf.TryGetValue(item, out var previous))
        {
            if (previous == expiration)
            {
                return expiration;
            }
            RemoveFromBucket(item, previous);
        }
        expiryOf[item] = expiration;
        if (!buckets.TryGetValue(expiration, out var bucket))
        {
            bucket = [];
            buckets[expiration] = bucket;
        }
        bucket.Add(item);
        return expiration;
    }

    public bool Remove(T item)
    {
        if (!expiryOf.Remove(item, out var expiration))
        {
            return false;
        }
        RemoveFromBucket(item, expiration);
        return true;
    }

    public bool Contains(T item) => expiryOf.ContainsKey(item);

    /// <summary>Removes and returns every item whose bucket time is at or before <paramref name="nowMs"/>.</summary>
    public IReadOnlyList<T> Expire(long nowMs)
    {
        var expired = new List<T>();
        while (buckets.Count > 0)
        {
            var (time, bucket) = buckets.First();
            if (time > nowMs)
            {
                break;
            }
            buckets.Remove(time);
            foreach (var item in bucket)
            {
                expiryOf.Remove(item);
                expired.Add(item);
            }
        }
        return expired;
    }

    private long RoundUp(long timeMs) => (timeMs / IntervalMs + 1) * IntervalMs;

    private void RemoveFromBucket(T item, long expiration)
    {
        if (buckets.TryGetValue(expiration, out var bucket))
        {
            bucket.Remove(item);
            if (bucket.Count == 0)
            {
                buckets.Remove(expiration);
            }
        }
    }
}
