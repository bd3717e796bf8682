package com.leaveledger.verifier;

/**
 * The breaks a verification found so far: how many, and the one a report names, of the lowest global index (the
 * earliest written), whatever order they were found in. A report over several checks adds their tallies up.
 */
public final class Breaks {

    private long count;
    private ChainVerifier.Break first;

    public void add(ChainVerifier.Break broken) {
        count++;
        if (broken.isBefore(first)) {
            first = broken;
        }
    }

    public void addAll(Breaks other) {
        count += other.count;
        if (other.first != null && other.first.isBefore(first)) {
            first = other.first;
        }
    }

    public long count() {
        return count;
    }

    /** The broken event with the lowest global index, or {@code null} if none broke. */
    public ChainVerifier.Break first() {
        return first;
    }
}
