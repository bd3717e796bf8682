package com.leaveledger.verifier;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Inclusion proofs (audit paths) of RFC 9162, section 2.1.3, in the tree of {@link MerkleRoot}: built in one pass
 * over the leaves, holding O(log n) hashes plus O(log n) per leaf to prove, never the leaves.
 * <p>
 * When a leaf to prove arrives, its left siblings are exactly the complete subtrees on the stack; its right siblings
 * are the subtrees that complete later (or, at the right edge of the tree, what is left on the stack at the end).
 * The path lists the siblings from the leaf upwards; a level where the node is the last of its level and has no
 * sibling is skipped, as RFC 9162's verification algorithm expects.
 */
public final class MerkleInclusion {

    /** Levels a path may have: trees of up to 2^48 leaves. */
    private static final int MAX_LEVELS = 48;

    private final List<byte[]> hashes = new ArrayList<>();
    private final List<Long> sizes = new ArrayList<>();
    private final Map<Long, List<Sibling>> waiting = new HashMap<>();
    private final Map<Long, Proof> proofs = new HashMap<>();
    private long leaves;
    private boolean finished;

    /** Adds the next leaf; if {@code prove}, its path is kept. Returns the leaf's index. */
    public long add(byte[] leafData, boolean prove) {
        if (finished) {
            throw new IllegalStateException("finished");
        }
        long index = leaves;
        if (prove) {
            Proof proof = new Proof();
            proofs.put(index, proof);
            // Bit h of the index set: the left sibling at level h is a complete subtree of 2^h leaves, on the stack
            // (the stack holds one per set bit, the smallest on top). Not set: the right sibling completes later.
            int onStack = hashes.size() - 1;
            for (int level = 0; level < MAX_LEVELS; level++) {
                if ((index >>> level & 1) == 1) {
                    proof.siblings.put(level, hashes.get(onStack--));
                } else {
                    waiting.computeIfAbsent(key(level, (index >>> level) + 1), k -> new ArrayList<>())
                            .add(new Sibling(proof, level));
                }
            }
        }
        MessageDigest digest = EventHashes.sha256();
        digest.update((byte) 0);
        digest.update(leafData);
        byte[] hash = digest.digest();
        completed(0, index, hash);
        long size = 1;
        int level = 0;
        while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == size) {
            hash = MerkleRoot.node(hashes.remove(hashes.size() - 1), hash);
            size += sizes.remove(sizes.size() - 1);
            level++;
            completed(level, index >>> level, hash);
        }
        hashes.add(hash);
        sizes.add(size);
        leaves++;
        return index;
    }

    public long leaves() {
        return leaves;
    }

    /** The tree's root; ends the adding. */
    public byte[] root() {
        finish();
        if (hashes.isEmpty()) {
            return EventHashes.sha256().digest();
        }
        byte[] root = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = MerkleRoot.node(hashes.get(i), root);
        }
        return root;
    }

    /** The audit path of a leaf added with {@code prove}, from the leaf upwards; ends the adding. */
    public List<byte[]> path(long index) {
        finish();
        Proof proof = proofs.get(index);
        if (proof == null) {
            throw new IllegalArgumentException("leaf " + index + " was not added to be proved");
        }
        return new ArrayList<>(proof.siblings.values());
    }

    /**
     * RFC 9162, section 2.1.3.2: whether {@code path} proves the leaf {@code leafData} at {@code index} in a tree of
     * {@code size} leaves whose root is {@code root}.
     */
    public static boolean verify(byte[] leafData, long index, long size, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        MessageDigest digest = EventHashes.sha256();
        digest.update((byte) 0);
        digest.update(leafData);
        byte[] hash = digest.digest();
        long fn = index;
        long sn = size - 1;
        for (byte[] sibling : path) {
            if (sn == 0 || sibling == null || sibling.length != 32) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                hash = MerkleRoot.node(sibling, hash);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                hash = MerkleRoot.node(hash, sibling);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(hash, root);
    }

    private void completed(int level, long node, byte[] hash) {
        List<Sibling> siblings = waiting.remove(key(level, node));
        if (siblings != null) {
            for (Sibling sibling : siblings) {
                sibling.proof.siblings.put(sibling.level, hash);
            }
        }
    }

    /**
     * The right siblings still waiting are at the tree's right edge: a node of level h starting at leaf s·2^h
     * covers the leaves from there to the end, which is the fold of the stack's subtrees starting there; a node
     * starting at or beyond the end does not exist, and its level is skipped.
     */
    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        for (Map.Entry<Long, List<Sibling>> entry : waiting.entrySet()) {
            int level = (int) (entry.getKey() >>> 56);
            long node = entry.getKey() & 0x00ffffffffffffffL;
            long start = node << level;
            if (start >= leaves) {
                continue;
            }
            byte[] hash = null;
            long position = leaves;
            for (int i = hashes.size() - 1; i >= 0 && position > start; i--) {
                position -= sizes.get(i);
                hash = hash == null ? hashes.get(i) : MerkleRoot.node(hashes.get(i), hash);
            }
            for (Sibling sibling : entry.getValue()) {
                sibling.proof.siblings.put(sibling.level, hash);
            }
        }
        waiting.clear();
    }

    private static long key(int level, long node) {
        return (long) level << 56 | node;
    }

    private static final class Proof {
        private final TreeMap<Integer, byte[]> siblings = new TreeMap<>();
    }

    private record Sibling(Proof proof, int level) {
    }
}
