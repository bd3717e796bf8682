package com.leaveledger.verifier;

import java.util.List;

/**
 * What a bundle's verification found ({@link BundleVerifier}): {@code VERIFIED}, or {@code BROKEN} with the break of
 * the lowest global index ({@link ChainVerifier.Break}; a checkpoint's own break is placed at its position, with no
 * aggregate) and how many broke in all.
 *
 * @param firstCheckpoint the number of the bundle's first checkpoint, or {@code null} if it holds none
 * @param latest          the bundle's latest checkpoint, which its heads are proven in, or {@code null}
 * @param notYetCovered   events after their aggregate's proven head: appended after the latest checkpoint, so covered
 *                        by the chain only (not a break)
 * @param pinned          whether the keys trusted were pinned by the verifier rather than taken from the bundle
 */
public record BundleReport(Status status, Bundle.Header header, long fullEvents, long digests, long aggregates,
                           long checkpoints, Long firstCheckpoint, Checkpoint latest, long headsProven,
                           long notYetCovered, boolean pinned, List<String> trustedKeyIds, long breaks,
                           ChainVerifier.Break firstBreak) {

    public enum Status { VERIFIED, BROKEN }

    public long events() {
        return fullEvents + digests;
    }

    /** The report as the command line prints it: the verdict on the first line. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        if (status == Status.VERIFIED) {
            out.append("VERIFIED");
        } else {
            out.append("BROKEN at global index ").append(firstBreak.globalIndex());
            if (firstBreak.aggregateId() != null) {
                out.append(", aggregate ").append(firstBreak.aggregateId()).append(", sequence ")
                        .append(firstBreak.sequenceNumber());
            } else {
                out.append(" (a checkpoint)");
            }
            out.append(": ").append(firstBreak.reason().code());
            out.append(" (").append(breaks).append(breaks == 1 ? " break)" : " breaks in all)");
        }
        out.append('\n');
        out.append("  bundle:      employee ").append(header.employeeId()).append(", ").append(header.from())
                .append(" – ").append(header.to()).append(", created ").append(header.createdAt()).append('\n');
        out.append("  events:      ").append(events()).append(" of ").append(aggregates).append(" aggregate(s): ")
                .append(fullEvents).append(" in full, ").append(digests).append(" as digests\n");
        out.append("  checkpoints: ").append(checkpoints);
        if (latest != null) {
            out.append(" (#").append(firstCheckpoint).append(" – #").append(latest.number()).append("), latest #")
                    .append(latest.number()).append(" at global index ").append(latest.position())
                    .append(", signed ").append(latest.createdAt()).append(" by key ").append(latest.keyId());
        }
        out.append('\n');
        out.append("  keys:        ").append(trustedKeyIds.isEmpty() ? "none" : String.join(", ", trustedKeyIds))
                .append(pinned ? " (pinned)" : " (taken from the bundle: pin them with --trusted-key)").append('\n');
        out.append("  heads:       ").append(headsProven).append(" proven in checkpoint ")
                .append(latest == null ? "-" : "#" + latest.number()).append('\n');
        out.append("  not yet covered by a checkpoint: ").append(notYetCovered).append(" event(s)");
        return out.toString();
    }
}
