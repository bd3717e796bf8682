package com.leaveledger.verifier;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree hash of RFC 6962, section 2.1, computed in one pass over the leaves in their order, holding
 * O(log n) hashes: leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right), the empty tree =
 * SHA-256(""). Subtrees of equal size are merged as soon as both exist; what is left at the end is folded from the
 * right, which is exactly the RFC's split at the largest power of two below n.
 */
public final class MerkleRoot {

    private final List<byte[]> hashes = new ArrayList<>();
    private final List<Long> sizes = new ArrayList<>();
    private long leaves;

    public void add(byte[] leafData) {
        MessageDigest digest = EventHashes.sha256();
        digest.update((byte) 0);
        digest.update(leafData);
        byte[] hash = digest.digest();
        long size = 1;
        while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == size) {
            hash = node(hashes.remove(hashes.size() - 1), hash);
            size += sizes.remove(sizes.size() - 1);
        }
        hashes.add(hash);
        sizes.add(size);
        leaves++;
    }

    public long leaves() {
        return leaves;
    }

    public byte[] root() {
        if (hashes.isEmpty()) {
            return EventHashes.sha256().digest();
        }
        byte[] root = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = node(hashes.get(i), root);
        }
        return root;
    }

    /** The root over heads already in {@link Head#CANONICAL_ORDER}. */
    public static byte[] ofHeads(Iterable<Head> sortedHeads) {
        MerkleRoot tree = new MerkleRoot();
        sortedHeads.forEach(head -> tree.add(head.leaf()));
        return tree.root();
    }

    static byte[] node(byte[] left, byte[] right) {
        MessageDigest digest = EventHashes.sha256();
        digest.update((byte) 1);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }
}
